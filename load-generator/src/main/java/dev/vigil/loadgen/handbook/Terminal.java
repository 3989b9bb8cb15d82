package dev.vigil.loadgen.handbook;

/** A payment terminal at a point of the grid. */
record Terminal(int id, double x, double y) {}
