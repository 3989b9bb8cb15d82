package dev.vigil.loadgen.backtest;

import dev.vigil.features.quality.Confusion;
import dev.vigil.features.quality.Metrics;
import dev.vigil.features.quality.Metrics.PrPoint;
import dev.vigil.features.quality.Metrics.Scored;
import dev.vigil.loadgen.backtest.LiveScores.Live;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the live scorer did on a backtest's test window, measured as the Fraud Detection Handbook
 * measures (known-compromised cards removed; AUC, average precision, card precision@k) and as an
 * analyst team would feel it (alert rate, precision, recall of the scorer's own decisions, per fraud
 * scenario where the data names one), and whether its scores equal the trainer's offline scores of
 * the same transactions (the one-code-path promise). Pure: inputs in, a {@link Result} out.
 */
final class BacktestReport {

    /** Scores that differ by more than this are counted as different (both are doubles of one computation). */
    static final double SAME_SCORE = 1e-9;
    /** How many differing transaction ids the report names. */
    private static final int EXAMPLES = 10;

    private BacktestReport() {}

    record Protocol(
            long transactions,
            long frauds,
            long removedKnownCompromised,
            double aucRoc,
            double averagePrecision,
            int k,
            double cardPrecisionAtK,
            double topCardFraudShareAtK) {}

    record Decisions(
            long transactions,
            long alerts,
            long frauds,
            long alertedFrauds,
            double alertRate,
            double precision,
            double recall) {
        static Decisions of(Confusion c) {
            return new Decisions(
                    c.rows(), c.flagged(), c.frauds(), c.flaggedFrauds(), c.alertRate(), c.precision(), c.recall());
        }
    }

    record Scenario(String scenario, long frauds, long alerted, double recall) {}

    record Equality(
            long compared,
            long missingOffline,
            long different,
            double largestDifference,
            List<String> differentTransactionIds) {}

    record Result(
            String name,
            Instant from,
            Instant to,
            long scored,
            long duplicates,
            Map<String, Long> modelVersions,
            Protocol protocol,
            Decisions decisions,
            double alertBudget,
            List<Scenario> scenarios,
            Equality equality,
            List<PrPoint> curve) {}

    /**
     * @param live      the scorer's scores of the window's transactions
     * @param truth     the labels, with their arrival times
     * @param offline   the trainer's offline scores of the same transactions, keyed by {@link #key}, or {@code null}
     * @param scenarios per transaction id, the data's fraud scenario ("0" or empty for genuine), or empty
     * @param alertBudget the share of transactions the scorer may alert on, which the model's thresholds were set for
     */
    static Result of(
            String name,
            Instant from,
            Instant to,
            List<Live> live,
            long duplicates,
            LabelTruth truth,
            Map<String, Double> offline,
            Map<String, String> scenarios,
            int k,
            double alertBudget) {
        List<Scored> all = new ArrayList<>(live.size());
        Map<String, Long> versions = new TreeMap<>();
        for (Live s : live) {
            all.add(scored(s, truth));
            versions.merge(s.modelVersion(), 1L, Long::sum);
        }
        List<Scored> testSet = Metrics.withoutKnownCompromised(all, truth.firstFraudKnown());
        Protocol protocol = new Protocol(
                testSet.size(),
                testSet.stream().filter(Scored::fraud).count(),
                all.size() - testSet.size(),
                Metrics.aucRoc(testSet),
                Metrics.averagePrecision(testSet),
                k,
                Metrics.cardPrecisionAtK(testSet, k),
                Metrics.topCardFraudShareAtK(testSet, k));
        Decisions decisions =
                Decisions.of(Confusion.count(live, Live::alerted, s -> truth.fraud(s.bankId(), s.transactionId())));
        return new Result(
                name,
                from,
                to,
                live.size(),
                duplicates,
                versions,
                protocol,
                decisions,
                alertBudget,
                scenarios(live, truth, scenarios),
                offline == null ? null : equality(live, offline),
                Metrics.precisionRecallCurve(testSet));
    }

    /** The line tools read: {@code <name>, live scorer: AUC 0.xxx, AP 0.xxx, CP@k 0.xxx}. */
    static String summary(Result r) {
        return String.format(
                Locale.ROOT,
                "%s, live scorer: AUC %.3f, AP %.3f, CP@%d %.3f",
                r.name(),
                r.protocol().aucRoc(),
                r.protocol().averagePrecision(),
                r.protocol().k(),
                r.protocol().cardPrecisionAtK());
    }

    static String key(String cardToken, String transactionId) {
        return cardToken + "|" + transactionId;
    }

    private static Scored scored(Live s, LabelTruth truth) {
        LocalDate day = LocalDate.ofInstant(s.eventTime(), ZoneOffset.UTC);
        return new Scored(s.cardToken(), day, s.score(), truth.fraud(s.bankId(), s.transactionId()));
    }

    /** Recall of the scorer's alerts per scenario the data names, over every fraud of the window. */
    private static List<Scenario> scenarios(List<Live> live, LabelTruth truth, Map<String, String> scenarios) {
        if (scenarios.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> counts = new TreeMap<>();
        for (Live s : live) {
            if (!truth.fraud(s.bankId(), s.transactionId())) {
                continue;
            }
            String scenario = scenarios.getOrDefault(s.transactionId(), "unnamed");
            long[] c = counts.computeIfAbsent(scenario, x -> new long[2]);
            c[0]++;
            c[1] += s.alerted() ? 1 : 0;
        }
        return counts.entrySet().stream()
                .map(e -> new Scenario(
                        e.getKey(), e.getValue()[0], e.getValue()[1], (double) e.getValue()[1] / e.getValue()[0]))
                .toList();
    }

    private static Equality equality(List<Live> live, Map<String, Double> offline) {
        long compared = 0;
        long missing = 0;
        long different = 0;
        double largest = 0;
        List<String> examples = new ArrayList<>();
        for (Live s : live) {
            Double other = offline.get(key(s.cardToken(), s.transactionId()));
            if (other == null) {
                missing++;
                continue;
            }
            compared++;
            double difference = Math.abs(other - s.score());
            largest = Math.max(largest, difference);
            if (difference > SAME_SCORE) {
                different++;
                if (examples.size() < EXAMPLES) {
                    examples.add(s.transactionId());
                }
            }
        }
        return new Equality(compared, missing, different, largest, examples);
    }
}
