package dev.vigil.loadgen.handbook;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A world of the Fraud Detection Handbook's transaction simulator (Le Borgne, Siblini, Lebichot,
 * Bontempi, "Reproducible Machine Learning for Credit Card Fraud Detection - Practical Handbook",
 * ULB, chapter 3), generated from its description: terminals and customers on a grid, each
 * customer's genuine spending at the terminals near it, then the three fraud scenarios.
 *
 * <p>One seed, one world: each step draws from its own generator, split from the seed's in a fixed
 * order (terminals, customers, spending, compromises, scenario 3's choice).
 *
 * @param transactions in event-time order; the one at position {@code n} has the id {@link #id(int) hb-n}
 */
record HandbookWorld(
        WorldParameters parameters,
        List<Terminal> terminals,
        List<Customer> customers,
        Compromises compromises,
        List<HandbookTransaction> transactions) {

    static HandbookWorld generate(WorldParameters parameters) {
        SplittableRandom seed = new SplittableRandom(parameters.seed());
        List<Terminal> terminals = Geography.terminals(parameters.terminals(), seed.split());
        List<Customer> customers =
                Geography.customers(parameters.customers(), terminals, parameters.radius(), seed.split());
        List<HandbookTransaction> genuine = Spending.all(customers, parameters.days(), seed.split());
        Compromises compromises = Compromises.draw(parameters, seed.split());
        List<HandbookTransaction> labelled =
                Frauds.label(genuine, compromises, parameters.customers(), parameters.terminals(), seed.split());
        return new HandbookWorld(parameters, terminals, customers, compromises, labelled);
    }

    /** Stable and unique: the position in event-time order. */
    static String id(int position) {
        return "hb-" + position;
    }
}
