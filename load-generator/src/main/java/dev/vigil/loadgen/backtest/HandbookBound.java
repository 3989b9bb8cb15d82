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
 * terminal is fraud) only once a fraud label of that terminal has arrived by the transaction's time,
 * from a fraud in the window the merchant risk counts (the label delay before it, 30 days long). A
 * compromised terminal's frauds before then look like any other purchase there.
 */
final class HandbookBound {

    /** One transaction of the Handbook world. */
    record Row(String id, Instant time, String card, String terminal, boolean fraud, int scenario) {}

    /** The bound's metrics, and per scenario the test set's frauds and those that can show. */
    record Result(
            int testTransactions,
            long testFrauds,
            double aucRoc,
            double averagePrecision,
            double cardPrecisionAtK,
            Map<Integer, long[]> visibleByScenario) {}

    private static final Duration RISK_WINDOW = Duration.ofDays(30);

    private HandbookBound() {}

    static Result of(List<Row> rows, Instant from, Instant to, Duration labelDelay, Instant knownFrom, int k) {
        Map<String, List<Instant>> fraudsByTerminal = new HashMap<>();
        Map<String, Instant> fraudKnown = new HashMap<>();
        for (Row row : rows) {
            if (row.fraud()) {
                fraudsByTerminal
                        .computeIfAbsent(row.terminal(), t -> new ArrayList<>())
                        .add(row.time());
                if (!row.time().isBefore(knownFrom)) {
                    fraudKnown.merge(row.card(), row.time().plus(labelDelay), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        List<Scored> scored = new ArrayList<>();
        Map<Integer, long[]> visibleByScenario = new TreeMap<>();
        for (Row row : rows) {
            if (row.time().isBefore(from) || !row.time().isBefore(to)) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(row.time(), ZoneOffset.UTC);
            if (Metrics.knownCompromised(row.card(), day, fraudKnown)) {
                continue;
            }
            boolean visible =
                    row.fraud() && (row.scenario() != 2 || labelledFraudAt(row, fraudsByTerminal, labelDelay));
            if (row.fraud()) {
                long[] counts = visibleByScenario.computeIfAbsent(row.scenario(), s -> new long[2]);
                counts[0]++;
                counts[1] += visible ? 1 : 0;
            }
            scored.add(new Scored(row.card(), day, visible ? 1 : 0, row.fraud()));
        }
        return new Result(
                scored.size(),
                scored.stream().filter(Scored::fraud).count(),
                Metrics.aucRoc(scored),
                Metrics.averagePrecision(scored),
                Metrics.cardPrecisionAtK(scored, k),
                visibleByScenario);
    }

    /** Whether a fraud at the row's terminal, in the risk window ending the label delay before it, is labelled by then. */
    private static boolean labelledFraudAt(Row row, Map<String, List<Instant>> fraudsByTerminal, Duration labelDelay) {
        Instant windowEnd = row.time().minus(labelDelay);
        Instant windowStart = windowEnd.minus(RISK_WINDOW);
        for (Instant fraud : fraudsByTerminal.getOrDefault(row.terminal(), List.of())) {
            if (!fraud.isBefore(windowStart) && fraud.isBefore(windowEnd)) {
                return true;
            }
        }
        return false;
    }
}
