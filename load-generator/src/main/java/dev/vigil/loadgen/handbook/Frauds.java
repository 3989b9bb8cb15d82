package dev.vigil.loadgen.handbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;

/**
 * Labels a world's genuine transactions with the Handbook's three fraud scenarios, in its order,
 * so that a later scenario overrides the scenario number of an earlier one:
 * <ol>
 *   <li>every amount above 220.00;
 *   <li>every transaction at a compromised terminal in its 28 days;
 *   <li>for each day's three compromised customers, {@code floor(n / 3)} of the {@code n}
 *       transactions they make together in the 14 days, chosen at random, have their amount
 *       multiplied by 5. A transaction chosen by two overlapping draws is multiplied twice, as in
 *       the Handbook.
 * </ol>
 */
final class Frauds {

    static final long SCENARIO_1_ABOVE_CENTS = 22_000;
    static final int SCENARIO_3_MULTIPLIER = 5;

    private Frauds() {}

    /** The labelled transactions, in the same order as {@code genuine}. */
    static List<HandbookTransaction> label(
            List<HandbookTransaction> genuine,
            Compromises compromises,
            int customers,
            int terminals,
            SplittableRandom random) {
        HandbookTransaction[] labelled = genuine.toArray(HandbookTransaction[]::new);
        for (int i = 0; i < labelled.length; i++) {
            if (labelled[i].amountCents() > SCENARIO_1_ABOVE_CENTS) {
                labelled[i] = labelled[i].asFraud(1, labelled[i].amountCents());
            }
        }
        int[][] byTerminal = positions(labelled, terminals, HandbookTransaction::terminal);
        for (Compromises.TerminalCompromise compromise : compromises.terminals()) {
            for (int i : byTerminal[compromise.terminal()]) {
                if (compromise.covers(labelled[i])) {
                    labelled[i] = labelled[i].asFraud(2, labelled[i].amountCents());
                }
            }
        }
        int[][] byCustomer = positions(labelled, customers, HandbookTransaction::customer);
        for (Compromises.CustomerCompromise compromise : compromises.customers()) {
            for (int i : chosenThird(candidates(labelled, byCustomer, compromise), random)) {
                labelled[i] = labelled[i].asFraud(3, labelled[i].amountCents() * SCENARIO_3_MULTIPLIER);
            }
        }
        return List.of(labelled);
    }

    /** Positions of the transactions the draw covers, customer by customer. */
    private static int[] candidates(
            HandbookTransaction[] transactions, int[][] byCustomer, Compromises.CustomerCompromise compromise) {
        List<Integer> candidates = new ArrayList<>();
        for (int customer : compromise.customers()) {
            for (int i : byCustomer[customer]) {
                if (compromise.covers(transactions[i])) {
                    candidates.add(i);
                }
            }
        }
        return candidates.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code floor(n / 3)} of the candidates, by a partial Fisher-Yates shuffle. */
    private static int[] chosenThird(int[] candidates, SplittableRandom random) {
        int chosen = candidates.length / 3;
        for (int i = 0; i < chosen; i++) {
            int j = i + random.nextInt(candidates.length - i);
            int swap = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = swap;
        }
        return Arrays.copyOf(candidates, chosen);
    }

    /** For each key (a terminal or a customer id below {@code keys}), the positions of its transactions, ascending. */
    private static int[][] positions(
            HandbookTransaction[] transactions, int keys, ToIntFunction<HandbookTransaction> key) {
        int[] counts = new int[keys];
        for (HandbookTransaction transaction : transactions) {
            counts[key.applyAsInt(transaction)]++;
        }
        int[][] positions = new int[keys][];
        for (int k = 0; k < keys; k++) {
            positions[k] = new int[counts[k]];
            counts[k] = 0;
        }
        for (int i = 0; i < transactions.length; i++) {
            int k = key.applyAsInt(transactions[i]);
            positions[k][counts[k]++] = i;
        }
        return positions;
    }
}
