package dev.vigil.loadgen.backtest;

import dev.vigil.cli.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code handbook-bound}: the Handbook protocol's metrics of the ranking that knows every fraud the
 * protocol's information can show ({@link HandbookBound}): no model on the same information does better.
 */
@Command(
        name = "handbook-bound",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "The most any model can reach on the Handbook protocol with the information it has.")
public final class HandbookBoundCommand implements Callable<Integer> {

    @Option(names = "--csv", required = true, description = "the Handbook world (load-generator handbook --out)")
    Path csv;

    @Option(
            names = "--from",
            defaultValue = "2018-08-08T00:00:00Z",
            description = "test window start (default: ${DEFAULT-VALUE})")
    Instant from;

    @Option(
            names = "--to",
            defaultValue = "2018-08-15T00:00:00Z",
            description = "test window end, exclusive (default: ${DEFAULT-VALUE})")
    Instant to;

    @Option(
            names = "--label-delay-days",
            defaultValue = "7",
            description = "days from a fraud to its label (default: ${DEFAULT-VALUE})")
    int labelDelayDays;

    @Option(
            names = "--known-compromised-from",
            defaultValue = "2018-07-25T00:00:00Z",
            description = "only frauds from this instant on make a card known compromised (default: ${DEFAULT-VALUE})")
    Instant knownFrom;

    @Option(
            names = "--k",
            defaultValue = "100",
            description = "cards per day for card precision@k (default: ${DEFAULT-VALUE})")
    int k;

    @Option(
            names = "--risk-interval",
            defaultValue = "0",
            converter = DurationConverter.class,
            description = "a label counts once arrived by the start of the transaction's interval of this length "
                    + "(1d: each UTC midnight, as the backtest's merchant risk); 0: by the transaction's own time "
                    + "(default: ${DEFAULT-VALUE})")
    Duration riskInterval;

    @Option(
            names = "--own-labels-only",
            description = "only the labels of a compromised terminal's own frauds (scenario 2) show it, "
                    + "not a stray fraud of another scenario there")
    boolean ownLabelsOnly;

    @Override
    public Integer call() throws Exception {
        List<HandbookBound.Row> rows = new ArrayList<>();
        NamedColumns.read(
                csv,
                List.of("TRANSACTION_ID", "TX_DATETIME", "CUSTOMER_ID", "TERMINAL_ID", "TX_FRAUD", "TX_FRAUD_SCENARIO"),
                v -> rows.add(new HandbookBound.Row(
                        v[0], Instant.parse(v[1]), v[2], v[3], v[4].equals("1"), Integer.parseInt(v[5]))));
        HandbookBound.Result r = HandbookBound.of(
                rows,
                from,
                to,
                Duration.ofDays(labelDelayDays),
                knownFrom,
                k,
                new HandbookBound.Knowledge(riskInterval, ownLabelsOnly));
        for (Map.Entry<Integer, long[]> e : r.visibleByScenario().entrySet()) {
            System.out.printf(
                    Locale.ROOT,
                    "scenario %d: %d of %d test-set frauds can show%n",
                    e.getKey(),
                    e.getValue()[1],
                    e.getValue()[0]);
        }
        System.out.printf(
                Locale.ROOT,
                "handbook protocol, bound: AUC %.3f, AP %.3f, CP@%d %.3f (%.3f from frauds that can show; "
                        + "%d test transactions, %d frauds)%n",
                r.aucRoc(),
                r.averagePrecision(),
                k,
                r.cardPrecisionAtK(),
                r.showableCardPrecisionAtK(),
                r.testTransactions(),
                r.testFrauds());
        return 0;
    }
}
