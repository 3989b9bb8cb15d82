package dev.vigil.loadgen.handbook;

import java.time.LocalDate;

/**
 * The few numbers a Handbook world is made of. The defaults are those of the dataset the Fraud
 * Detection Handbook publishes and measures its models on.
 *
 * @param radius           a customer uses the terminals closer than this to where it lives, on a 100 x 100 grid
 * @param terminalsPerDay  terminals compromised each day (scenario 2); a fraction is drawn: 0.3 is one
 *                         terminal on about 30 % of days. A smaller world keeps the published fraud share
 *                         only with fewer compromises than the Handbook's 2 a day among 10,000 terminals
 * @param customersPerDay  customers compromised each day (scenario 3), likewise
 */
record WorldParameters(
        int customers,
        int terminals,
        int days,
        LocalDate start,
        double radius,
        long seed,
        double terminalsPerDay,
        double customersPerDay) {

    /** Side of the square grid customers and terminals are placed on. */
    static final double GRID = 100;

    static final double HANDBOOK_TERMINALS_PER_DAY = 2;
    static final double HANDBOOK_CUSTOMERS_PER_DAY = 3;

    /** A world with the Handbook's daily compromises. */
    WorldParameters(int customers, int terminals, int days, LocalDate start, double radius, long seed) {
        this(customers, terminals, days, start, radius, seed, HANDBOOK_TERMINALS_PER_DAY, HANDBOOK_CUSTOMERS_PER_DAY);
    }

    static WorldParameters handbook() {
        return new WorldParameters(5_000, 10_000, 183, LocalDate.of(2018, 4, 1), 5, 0);
    }
}
