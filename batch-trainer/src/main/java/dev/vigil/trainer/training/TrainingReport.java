package dev.vigil.trainer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.features.quality.Metrics;
import dev.vigil.features.quality.PrCurvePlot;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.Csv;
import dev.vigil.trainer.gate.Gate;
import dev.vigil.trainer.gate.GateEvidence;
import dev.vigil.trainer.gate.ModelVersions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training run's report, as JSON for machines and Markdown for people, and the evaluation window's
 * per-transaction scores of every candidate as CSV, all named by the run's best version.
 */
public final class TrainingReport {

    public static final List<String> SCORES_HEADER =
            List.of("candidate", "transactionId", "cardToken", "eventTime", "fraud", "score", "knownCompromised");
    static final String THRESHOLDS =
            "review and decline thresholds, from the published fit's own scores of the freshest window (after its "
                    + "training window, up to the reference: transactions it has not seen, the nearest the live traffic; an "
                    + "alert rate needs no labels), each candidate's from its scores of the evaluation window: decline flags "
                    + "the top decline share; review is the lowest threshold at which the default rules' alerts and the "
                    + "model's together stay within the alert budget on every day, never above decline";

    static final int TOP_FEATURES = 10;
    public static final String PR_CURVE = ".pr-curve.png";

    private TrainingReport() {}

    /** Writes {@code <best version>.json}, {@code .md} and {@code .scores.csv} into {@code dir}; returns the Markdown file. */
    public static Path write(Path dir, Training.Result result, Gate.Outcome outcome) throws IOException {
        Files.createDirectories(dir);
        String name = outcome.best().bundle().getModelVersion();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bestVersion", name);
        json.put("published", outcome.published());
        json.put("championAveragePrecision", outcome.championAveragePrecision().orElse(null));
        json.put("refusal", outcome.refusal().orElse(null));
        json.put("gate", gateJson(outcome.evidence()));
        json.put("windows", windows(result));
        Map<String, Object> thresholds = new LinkedHashMap<>();
        thresholds.put("review", outcome.best().bundle().getReviewThreshold());
        thresholds.put("decline", outcome.best().bundle().getDeclineThreshold());
        thresholds.put("setOnFrom", outcome.best().thresholdsFrom().from().toString());
        thresholds.put("setOnTo", outcome.best().thresholdsFrom().to().toString());
        thresholds.put("how", THRESHOLDS);
        json.put("thresholds", thresholds);
        json.put("selection", selection(result.selection()));
        json.put("topFeatures", topFeatures(outcome.best()));
        json.put("scores", name + ".scores.csv");
        json.put("precisionRecallCurve", name + PR_CURVE);
        json.put(
                "candidates",
                outcome.decisions().stream()
                        .map(d -> Map.of(
                                "version",
                                d.bundle().getModelVersion(),
                                "type",
                                d.bundle().getModelType().name(),
                                "status",
                                d.status().column(),
                                "metrics",
                                d.bundle().getMetrics()))
                        .toList());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve(name + ".json").toFile(), json);
        Csv.write(
                dir.resolve(name + ".scores.csv"),
                SCORES_HEADER,
                result.testScores().stream()
                        .map(s -> List.of(
                                s.candidate(),
                                s.transactionId(),
                                s.cardToken(),
                                s.eventTime(),
                                s.fraud(),
                                s.score(),
                                s.knownCompromised())));
        PrCurvePlot.write(
                dir.resolve(name + PR_CURVE),
                Metrics.precisionRecallCurve(result.testScores().stream()
                        .filter(s -> s.candidate().equals(name) && !s.knownCompromised())
                        .map(Evaluation.TestScore::scored)
                        .toList()),
                name + ", evaluation window without known-compromised cards");
        Path markdown = dir.resolve(name + ".md");
        Files.writeString(markdown, markdown(result, outcome));
        return markdown;
    }

    private static Map<String, Double> topFeatures(Training.Candidate best) {
        Map<String, Double> top = new LinkedHashMap<>();
        best.topFeatures(TOP_FEATURES).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static Map<String, Object> selection(Training.Selection selection) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "validations",
                selection.validations().stream().map(Object::toString).toList());
        json.put("chosen", selection.chosen().toString());
        json.put(
                "trials",
                selection.trials().stream()
                        .map(t -> Map.of(
                                "setting",
                                t.setting().toString(),
                                "averagePrecisions",
                                t.averagePrecisions(),
                                "mean",
                                t.mean()))
                        .toList());
        return json;
    }

    private static Map<String, Object> windows(Training.Result result) {
        TrainingWindows w = result.windows();
        Map<String, Object> windows = new LinkedHashMap<>();
        windows.put(
                "evaluationTrain",
                window(
                        w.evaluationTrain(),
                        result.evaluationTrain().rows(),
                        result.evaluationTrain().frauds()));
        Map<String, Object> evaluation = window(
                w.evaluation(),
                result.evaluationCounts().rows(),
                result.evaluationCounts().frauds());
        evaluation.put("keptTransactions", result.evaluationCounts().keptRows());
        evaluation.put("keptFrauds", result.evaluationCounts().keptFrauds());
        windows.put("evaluation", evaluation);
        windows.put(
                "finalTrain",
                window(
                        w.finalTrain(),
                        result.finalTrain().rows(),
                        result.finalTrain().frauds()));
        return windows;
    }

    private static Map<String, Object> window(TrainingWindows.Window w, long rows, long frauds) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("from", w.from().toString());
        window.put("to", w.to().toString());
        window.put("labelsKnownBy", w.labelsKnownBy().toString());
        window.put("transactions", rows);
        window.put("frauds", frauds);
        return window;
    }

    /** The run in a few lines for a terminal: windows and labels, the best candidate, whether it was published. */
    public static String summary(Training.Result result, Gate.Outcome outcome, double margin) {
        Training.Candidate best = outcome.best();
        String published = outcome.published()
                ? "yes, to " + Topics.FRAUD_MODELS.name()
                        + outcome.championAveragePrecision()
                                .map(ap -> " (beats the champion's average precision " + number(ap) + " by more than "
                                        + number(margin) + ")")
                                .orElse(" (no champion to beat)")
                : outcome.refusal()
                        .map(reason -> "no (" + reason + ")")
                        .orElseGet(() -> "no (the champion's average precision on this evaluation window is "
                                + outcome.championAveragePrecision()
                                        .map(TrainingReport::number)
                                        .orElse("?")
                                + "; not beaten by " + number(margin) + ")");
        TrainingWindows w = result.windows();
        Evaluation.Counts e = result.evaluationCounts();
        return String.format(
                Locale.ROOT,
                "candidates fitted: %d transactions (%d frauds%s) %s%n"
                        + "evaluation: %d (%d frauds; %d (%d frauds) without known-compromised cards) %s%n"
                        + "final fit: %d (%d frauds%s) %s%n"
                        + "best: %s (%s) AUC %s, average precision %s%n"
                        + "chosen: %s (mean average precision %s over %d folds)%n"
                        + "thresholds: review %s, decline %s, set on its scores of %s .. %s%n%s%npublished: %s%n",
                result.evaluationTrain().rows(),
                result.evaluationTrain().frauds(),
                result.evaluationTrain().sampled(),
                w.evaluationTrain(),
                e.rows(),
                e.frauds(),
                e.keptRows(),
                e.keptFrauds(),
                w.evaluation(),
                result.finalTrain().rows(),
                result.finalTrain().frauds(),
                result.finalTrain().sampled(),
                w.finalTrain(),
                best.bundle().getModelVersion(),
                best.type(),
                number(best.metrics().get(Training.MetricNames.AUC_ROC)),
                number(best.averagePrecision()),
                result.selection().chosen(),
                number(best.validationAveragePrecision()),
                result.selection().validations().size(),
                number(best.bundle().getReviewThreshold()),
                number(best.bundle().getDeclineThreshold()),
                best.thresholdsFrom().from(),
                best.thresholdsFrom().to(),
                gate(outcome.evidence()),
                published);
    }

    private static Map<String, Object> gateJson(GateEvidence g) {
        Map<String, Object> gate = new LinkedHashMap<>();
        gate.put("transactions", g.transactions());
        gate.put("frauds", g.frauds());
        gate.put("span", g.span().toString());
        gate.put("rulesAlerts", g.rulesAlerts());
        gate.put("comparedAlertRate", g.comparedRate());
        gate.put("rulesRecall", g.rulesRecall());
        gate.put("recallAtRulesAlertRate", g.modelRecall());
        gate.put("alertRate", g.alertRate());
        return gate;
    }

    /** The gate's evidence in one line: what a bank asks of a model before it goes live. */
    static String gate(GateEvidence g) {
        return String.format(
                Locale.ROOT,
                "gate: recall %.1f%% at alert rate %.2f%% (rules alone %.1f%% at theirs); "
                        + "alert rate %.2f%% at its thresholds, rules included; %d transactions, %d frauds over %s",
                100 * g.modelRecall(),
                100 * g.comparedRate(),
                100 * g.rulesRecall(),
                100 * g.alertRate(),
                g.transactions(),
                g.frauds(),
                g.span());
    }

    static String markdown(Training.Result result, Gate.Outcome outcome) {
        TrainingWindows w = result.windows();
        Evaluation.Counts e = result.evaluationCounts();
        StringBuilder md = new StringBuilder();
        String best = outcome.best().bundle().getModelVersion();
        md.append("# Training run ").append(best).append("\n\n");
        md.append("| window | event times | labels known by | transactions | frauds |\n|---|---|---|---|---|\n");
        row(
                md,
                "candidates fitted",
                w.evaluationTrain(),
                result.evaluationTrain().rows() + "",
                result.evaluationTrain().frauds() + result.evaluationTrain().sampled());
        row(
                md,
                "evaluation (candidates ranked, gate)",
                w.evaluation(),
                e.keptRows() + " (" + e.rows() + " before known-compromised cards are left out)",
                e.keptFrauds() + " (" + e.frauds() + ")");
        row(
                md,
                "final fit (published)",
                w.finalTrain(),
                result.finalTrain().rows() + "",
                result.finalTrain().frauds() + result.finalTrain().sampled());
        md.append("\nMetrics on the evaluation window, cards known to be compromised before a day left out of that "
                        + "day (`card_precision_at_k` as the Fraud Detection Handbook publishes it; `top_card_fraud_share_at_k`"
                        + " is not: every card kept, divided by min(k, cards)). The published model is ")
                .append(best)
                .append(" fitted again on the final window.\n\n");
        md.append("- thresholds of the published model: review ")
                .append(number(outcome.best().bundle().getReviewThreshold()))
                .append(", decline ")
                .append(number(outcome.best().bundle().getDeclineThreshold()))
                .append(", set on its scores of ")
                .append(outcome.best().thresholdsFrom().from())
                .append(" .. ")
                .append(outcome.best().thresholdsFrom().to())
                .append(": ")
                .append(THRESHOLDS)
                .append("\n");
        md.append("- per-transaction scores of every evaluated candidate: `")
                .append(best)
                .append(".scores.csv`\n");
        md.append("- precision-recall curve of the published setting on the evaluation window: ![](")
                .append(best)
                .append(PR_CURVE)
                .append(")\n");
        md.append("- champion's average precision on this evaluation window: ")
                .append(outcome.championAveragePrecision()
                        .map(TrainingReport::number)
                        .orElse("none"))
                .append("\n- ")
                .append(gate(outcome.evidence()))
                .append("\n- published: ")
                .append(
                        outcome.published()
                                ? "yes"
                                : "no"
                                        + outcome.refusal()
                                                .map(reason -> " (" + reason + ")")
                                                .orElse(""))
                .append("\n\n");
        selectionTable(md, result.selection());
        md.append("Top features of the published fit (share of its decisions: the trees' impurity decrease, the "
                + "logistic regression's absolute standardised weights):\n\n| feature | importance |\n|---|---|\n");
        for (Map.Entry<String, Double> feature : outcome.best().topFeatures(TOP_FEATURES)) {
            md.append("| ")
                    .append(feature.getKey())
                    .append(" | ")
                    .append(number(feature.getValue()))
                    .append(" |\n");
        }
        md.append('\n');
        List<String> metricNames = List.copyOf(outcome.best().metrics().keySet());
        md.append("| version | model | status | ")
                .append(String.join(" | ", metricNames))
                .append(" |\n");
        md.append("|---|---|---|").append("---|".repeat(metricNames.size())).append("\n");
        for (ModelVersions.Decision d : outcome.decisions()) {
            md.append("| ")
                    .append(d.bundle().getModelVersion())
                    .append(" | ")
                    .append(d.bundle().getModelType())
                    .append(" | ")
                    .append(d.status().column())
                    .append(" |");
            for (String metric : metricNames) {
                md.append(' ')
                        .append(number(d.bundle().getMetrics().get(metric)))
                        .append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Every setting tried, its average precision per fold (fold 0 the evaluation window) and their mean. */
    private static void selectionTable(StringBuilder md, Training.Selection selection) {
        md.append("Model selection: each setting fitted on each fold's training window and validated on its window "
                        + "(fold 0 is the evaluation window; fold k the same arrangement k test windows earlier, labels as "
                        + "known then); chosen by mean average precision: `")
                .append(selection.chosen())
                .append("`.\n\n");
        md.append("| setting |");
        for (int k = 0; k < selection.validations().size(); k++) {
            md.append(" AP fold ")
                    .append(k)
                    .append(" (")
                    .append(selection.validations().get(k).from())
                    .append(") |");
        }
        md.append(" mean |\n|---|")
                .append("---|".repeat(selection.validations().size()))
                .append("---|\n");
        for (ModelSelection.Trial trial : selection.trials()) {
            md.append("| ")
                    .append(
                            trial.setting().equals(selection.chosen())
                                    ? "**" + trial.setting() + "**"
                                    : trial.setting().toString())
                    .append(" |");
            for (double ap : trial.averagePrecisions()) {
                md.append(' ').append(number(ap)).append(" |");
            }
            md.append(' ').append(number(trial.mean())).append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, TrainingWindows.Window w, String rows, String frauds) {
        md.append("| ")
                .append(name)
                .append(" | ")
                .append(w.from())
                .append(" .. ")
                .append(w.to())
                .append(" | ")
                .append(w.labelsKnownBy())
                .append(" | ")
                .append(rows)
                .append(" | ")
                .append(frauds)
                .append(" |\n");
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}
