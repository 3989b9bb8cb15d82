package dev.vigil.loadgen.handbook;

import java.time.LocalDate;

/**
 * The few numbers a Handbook world is made of. The defaults are those of the dataset the Fraud
 * Detection Handbook publishes and measures its models on.
 *
 * @param radius a customer uses the terminals closer than this to where it lives, on a 100 x 100 grid
 */
record WorldParameters(int customers, int terminals, int days, LocalDate start, double radius, long seed) {

    /** Side of the square grid customers and terminals are placed on. */
    static final double GRID = 100;

    static WorldParameters handbook() {
        return new WorldParameters(5_000, 10_000, 183, LocalDate.of(2018, 4, 1), 5, 0);
    }
}
