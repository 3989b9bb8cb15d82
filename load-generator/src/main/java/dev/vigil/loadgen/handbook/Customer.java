package dev.vigil.loadgen.handbook;

/**
 * A customer's spending habits and the terminals it can reach.
 *
 * @param terminals ids of the terminals within the radius, ascending (an array: a customer reaches about
 *                  80 of them and there are thousands of customers); empty when none is, and then the
 *                  customer makes no transaction
 */
record Customer(
        int id,
        double x,
        double y,
        double meanAmount,
        double stdAmount,
        double meanTransactionsPerDay,
        int[] terminals) {}
