package dev.vigil.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A training run's report, as JSON for machines and Markdown for people, named by the run's best version. */
final class TrainingReport {

    private TrainingReport() {
    }

    /** Writes {@code <best version>.json} and {@code .md} into {@code dir}; returns the Markdown file. */
    static Path write(Path dir, Training.Result result, Gate.Outcome outcome) throws IOException {
        Files.createDirectories(dir);
        String name = outcome.best().bundle().getModelVersion();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bestVersion", name);
        json.put("published", outcome.published());
        json.put("championAveragePrecision", outcome.championAveragePrecision().orElse(null));
        json.put("windows", Map.of("trainFrom", result.windows().trainFrom().toString(),
                "trainTo", result.windows().trainTo().toString(), "testFrom", result.windows().testFrom().toString(),
                "testTo", result.windows().testTo().toString()));
        json.put("rows", Map.of("train", result.trainRows(), "trainFrauds", result.trainFrauds(),
                "test", result.testRows(), "testFrauds", result.testFrauds()));
        json.put("candidates", outcome.decisions().stream().map(d -> Map.of(
                "version", d.bundle().getModelVersion(), "type", d.bundle().getModelType().name(),
                "status", d.status().column(), "metrics", d.bundle().getMetrics())).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(name + ".json").toFile(), json);
        Path markdown = dir.resolve(name + ".md");
        Files.writeString(markdown, markdown(result, outcome));
        return markdown;
    }

    /** The run in a few lines for a terminal: windows and labels, the best candidate, whether it was published. */
    static String summary(Training.Result result, Gate.Outcome outcome, double margin) {
        Training.Candidate best = outcome.best();
        String published = outcome.published()
                ? "yes, to " + Topics.FRAUD_MODELS.name() + outcome.championAveragePrecision()
                        .map(ap -> " (beats the champion's average precision " + number(ap) + " by more than "
                                + number(margin) + ")")
                        .orElse(" (no champion to beat)")
                : "no (the champion's average precision on this test window is "
                        + outcome.championAveragePrecision().map(TrainingReport::number).orElse("?")
                        + "; not beaten by " + number(margin) + ")";
        return String.format(Locale.ROOT, "train: %d transactions (%d frauds) %s .. %s; test: %d (%d frauds) %s .. %s%n"
                        + "best: %s (%s) AUC %s, average precision %s%npublished: %s%n",
                result.trainRows(), result.trainFrauds(), result.windows().trainFrom(), result.windows().trainTo(),
                result.testRows(), result.testFrauds(), result.windows().testFrom(), result.windows().testTo(),
                best.bundle().getModelVersion(), best.type(), number(best.metrics().get(Training.MetricNames.AUC_ROC)),
                number(best.averagePrecision()), published);
    }

    static String markdown(Training.Result result, Gate.Outcome outcome) {
        StringBuilder md = new StringBuilder();
        md.append("# Training run ").append(outcome.best().bundle().getModelVersion()).append("\n\n");
        md.append("- train: ").append(result.windows().trainFrom()).append(" .. ").append(result.windows().trainTo())
                .append(" (").append(result.trainRows()).append(" transactions, ").append(result.trainFrauds())
                .append(" fraud, labels known by ").append(result.windows().trainingCutoff()).append(")\n");
        md.append("- test: ").append(result.windows().testFrom()).append(" .. ").append(result.windows().testTo())
                .append(" (").append(result.testRows()).append(" transactions, ").append(result.testFrauds())
                .append(" fraud)\n");
        md.append("- champion's average precision on this test window: ")
                .append(outcome.championAveragePrecision().map(TrainingReport::number).orElse("none"))
                .append("\n- published: ").append(outcome.published() ? "yes" : "no").append("\n\n");
        List<String> metricNames = List.copyOf(outcome.best().metrics().keySet());
        md.append("| version | model | status | ").append(String.join(" | ", metricNames)).append(" |\n");
        md.append("|---|---|---|").append("---|".repeat(metricNames.size())).append("\n");
        for (ModelVersions.Decision d : outcome.decisions()) {
            md.append("| ").append(d.bundle().getModelVersion()).append(" | ").append(d.bundle().getModelType())
                    .append(" | ").append(d.status().column()).append(" |");
            for (String metric : metricNames) {
                md.append(' ').append(number(d.bundle().getMetrics().get(metric))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.4f", value);
    }
}
