package dev.vigil.loadgen.backtest;

import dev.vigil.features.quality.Metrics;
import dev.vigil.features.quality.Metrics.Scored;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most any model can reach on the Handbook protocol with what the protocol lets it know: every fraud
 * whose scenario the information at its time can show scores 1, every other transaction 0, then the
 * protocol's test set and metrics ({@link Metrics}). What can show: scenario 1 (an amount over a
 * threshold) and scenario 3 (a card's amounts multiplied by 5) always, an optimistic count, since a
 * small amount times 5 can look like the card's own; scenario 2 (every transaction of a compromised
 * terminal is fraud) only once a fraud label of that terminal has arrived, from a fraud in the window the
 * merchant risk counts (the label delay before it, 30 days long). A compromised terminal's frauds before
 * then look like any other purchase there.
 *
 * <p>{@link Knowledge} says when a label counts: arrived by the transaction's own time (risk counted per
 * transaction, as the Handbook's own features are) or by the start of its risk interval (a table published
 * each midnight, as the backtest's batch layer does); and whether any fraud's label at the terminal
 * counts, or only one of the compromise's own (scenario 2). A label of another scenario's fraud at a
 * terminal that is later compromised is a coincidence: it marks the terminal as the many terminals with one
 * stray fraud are marked, so counting it is the optimistic bound and leaving it out the tighter one.
 */
final class HandbookBound {

    /** One transaction of the Handbook world. */
    record Row(String id, Instant time, String card, String terminal, boolean fraud, int scenario) {}

    /**
     * The bound's metrics, and per scenario the test set's frauds and those that can show. Card precision
     * counts every fraudulent card among each day's top k, some of them there by the luck of ties among the
     * transactions scored 0; {@code showableCardPrecisionAtK} counts only the cards whose fraud can show.
     */
    record Result(
            int testTransactions,
            long testFrauds,
            double aucRoc,
            double averagePrecision,
            double cardPrecisionAtK,
            double showableCardPrecisionAtK,
            Map<Integer, long[]> visibleByScenario) {}

    /**
     * When a terminal's fraud label counts for a transaction there.
     *
     * @param riskInterval zero: a label counts once it has arrived by the transaction's time; else by the
     *                     start of the transaction's interval of this length (intervals from the epoch, so
     *                     one day means each UTC midnight, as the batch layer's {@code --risk-interval})
     * @param ownOnly      whether only the labels of the compromise's own frauds (scenario 2) count
     */
    record Knowledge(Duration riskInterval, boolean ownOnly) {

        /** Any fraud's label, counted by each transaction's own time: the optimistic bound. */
        static final Knowledge PER_TRANSACTION = new Knowledge(Duration.ZERO, false);

        Knowledge {
            if (riskInterval.isNegative()) {
                throw new IllegalArgumentException("the risk interval must not be negative: " + riskInterval);
            }
        }

        /** The instant by which a label must have arrived to count for a transaction at {@code time}. */
        Instant reference(Instant time) {
            if (riskInterval.isZero()) {
                return time;
            }
            long step = riskInterval.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), step) * step);
        }
    }

    private static final Duration RISK_WINDOW = Duration.ofDays(30);

    private HandbookBound() {}

    static Result of(
            List<Row> rows,
            Instant from,
            Instant to,
            Duration labelDelay,
            Instant knownFrom,
            int k,
            Knowledge knowledge) {
        Map<String, List<Row>> fraudsByTerminal = new HashMap<>();
        Map<String, Instant> fraudKnown = new HashMap<>();
        for (Row row : rows) {
            if (row.fraud()) {
                fraudsByTerminal
                        .computeIfAbsent(row.terminal(), t -> new ArrayList<>())
                        .add(row);
                if (!row.time().isBefore(knownFrom)) {
                    fraudKnown.merge(row.card(), row.time().plus(labelDelay), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        List<Scored> scored = new ArrayList<>();
        List<Scored> showable = new ArrayList<>();
        Map<Integer, long[]> visibleByScenario = new TreeMap<>();
        for (Row row : rows) {
            if (row.time().isBefore(from) || !row.time().isBefore(to)) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(row.time(), ZoneOffset.UTC);
            if (Metrics.knownCompromised(row.card(), day, fraudKnown)) {
                continue;
            }
            boolean visible = row.fraud()
                    && (row.scenario() != 2 || labelledFraudAt(row, fraudsByTerminal, labelDelay, knowledge));
            if (row.fraud()) {
                long[] counts = visibleByScenario.computeIfAbsent(row.scenario(), s -> new long[2]);
                counts[0]++;
                counts[1] += visible ? 1 : 0;
            }
            scored.add(new Scored(row.card(), day, visible ? 1 : 0, row.fraud()));
            showable.add(new Scored(row.card(), day, visible ? 1 : 0, visible));
        }
        return new Result(
                scored.size(),
                scored.stream().filter(Scored::fraud).count(),
                Metrics.aucRoc(scored),
                Metrics.averagePrecision(scored),
                Metrics.cardPrecisionAtK(scored, k),
                Metrics.cardPrecisionAtK(showable, k),
                visibleByScenario);
    }

    /**
     * Whether a fraud at the row's terminal, in the risk window ending the label delay before the row's
     * reference ({@link Knowledge#reference}), and of the compromise if only its own count, is labelled by then.
     */
    private static boolean labelledFraudAt(
            Row row, Map<String, List<Row>> fraudsByTerminal, Duration labelDelay, Knowledge knowledge) {
        Instant windowEnd = knowledge.reference(row.time()).minus(labelDelay);
        Instant windowStart = windowEnd.minus(RISK_WINDOW);
        for (Row fraud : fraudsByTerminal.getOrDefault(row.terminal(), List.of())) {
            boolean counts = !knowledge.ownOnly() || fraud.scenario() == 2;
            if (counts && !fraud.time().isBefore(windowStart) && fraud.time().isBefore(windowEnd)) {
                return true;
            }
        }
        return false;
    }
}
