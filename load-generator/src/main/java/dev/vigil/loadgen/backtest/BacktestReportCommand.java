package dev.vigil.loadgen.backtest;

import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backtest-report}: after a backtest has replayed its test window through the live scorer,
 * reads the scorer's own {@code transaction-scores} and the labels on {@code transaction-labels}
 * (with their arrival times), and writes what the scorer achieved on {@code [--from, --to)}
 * ({@link BacktestReport}) as Markdown, JSON and the precision-recall curve's points. Prints the
 * summary line.
 */
@Command(
        name = "backtest-report",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Measures the live scorer's scores of a backtest's test window against the labels (./vigil backtest runs it).")
public final class BacktestReportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "start of the test window (ISO-8601 instant, event time)")
    Instant from;

    @Option(names = "--to", required = true, description = "end of the test window, exclusive")
    Instant to;

    @Option(
            names = "--k",
            defaultValue = "100",
            description = "cards per day for card precision@k (default: ${DEFAULT-VALUE})")
    int k;

    @Option(
            names = "--name",
            defaultValue = "backtest",
            description = "what the summary line calls the run (default: ${DEFAULT-VALUE})")
    String name;

    @Option(
            names = "--known-compromised-from",
            description = "only frauds of transactions from this instant on make a "
                    + "card known to be compromised (the Handbook: its training window's start; default: every fraud)")
    Instant knownCompromisedFrom;

    @Option(
            names = "--offline",
            description =
                    "the trainer's offline scores of the window (batch-trainer score --out): compared with the live ones")
    Path offline;

    @Option(
            names = "--scenarios",
            description = "a CSV naming each transaction's fraud scenario (e.g. the dataset itself)")
    Path scenarios;

    @Option(
            names = "--scenario-id-column",
            defaultValue = "TRANSACTION_ID",
            description = "(default: ${DEFAULT-VALUE})")
    String scenarioIdColumn;

    @Option(
            names = "--scenario-column",
            defaultValue = "TX_FRAUD_SCENARIO",
            description = "(default: ${DEFAULT-VALUE})")
    String scenarioColumn;

    @Option(
            names = "--alert-budget",
            defaultValue = "${env:VIGIL_SCORER_ALERT_BUDGET:-0.01}",
            description =
                    "the share of transactions the scorer may alert on, the model's thresholds were set for "
                            + "(the scorer's own variable; default: ${DEFAULT-VALUE}): the report sets the live alert rate beside it")
    double alertBudget;

    @Option(names = "--out", required = true, description = "directory for report.md, report.json and pr-curve.tsv")
    Path out;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}")
    String bootstrapServers;

    @Option(
            names = "--registry-url",
            defaultValue = "${env:APICURIO_REGISTRY_URL:-http://127.0.0.1:8081/apis/registry/v3}")
    String registryUrl;

    @Override
    public Integer call() throws Exception {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k must be at least 1");
        }
        TopicSerdes serdes = new TopicSerdes(registryUrl, false);
        LabelTruth truth = knownCompromisedFrom == null ? new LabelTruth() : new LabelTruth(knownCompromisedFrom);
        long labels = TopicToEnd.read(bootstrapServers, serdes, Topics.TRANSACTION_LABELS, truth::add);
        LiveScores live = new LiveScores(from, to);
        long scores = TopicToEnd.read(bootstrapServers, serdes, Topics.TRANSACTION_SCORES, live::add);
        System.err.printf(
                "read %d labels and %d scores; %d scores in the test window%n",
                labels, scores, live.scores().size());
        BacktestReport.Result result = BacktestReport.of(
                name,
                from,
                to,
                live.scores(),
                live.duplicates(),
                truth,
                offline == null ? null : offlineScores(offline),
                scenarios == null ? Map.of() : scenarios(scenarios),
                k,
                alertBudget);
        ReportFiles.write(result, out);
        System.out.println(BacktestReport.summary(result));
        return 0;
    }

    private static Map<String, Double> offlineScores(Path file) throws Exception {
        Map<String, Double> scores = new HashMap<>();
        NamedColumns.read(
                file,
                List.of("cardToken", "transactionId", "score"),
                v -> scores.put(BacktestReport.key(v[0], v[1]), NamedColumns.number(v[2], file, "score")));
        return scores;
    }

    private Map<String, String> scenarios(Path file) throws Exception {
        Map<String, String> byId = new HashMap<>();
        NamedColumns.read(file, List.of(scenarioIdColumn, scenarioColumn), v -> {
            if (!v[1].isEmpty() && !v[1].equals("0")) {
                byId.put(v[0], v[1]);
            }
        });
        return byId;
    }
}
