package dev.vigil.loadgen.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.vigil.features.quality.Metrics.PrPoint;
import dev.vigil.features.quality.PrCurvePlot;
import dev.vigil.loadgen.backtest.BacktestReport.Result;
import dev.vigil.loadgen.backtest.BacktestReport.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** A backtest's result as {@code report.md}, {@code report.json}, {@code pr-curve.tsv} and {@code pr-curve.png}. */
final class ReportFiles {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));

    private ReportFiles() {}

    static void write(Result r, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("report.json").toFile(), r);
        Files.writeString(dir.resolve("report.md"), markdown(r), StandardCharsets.UTF_8);
        StringBuilder tsv = new StringBuilder("threshold\tprecision\trecall\n");
        for (PrPoint p : r.curve()) {
            tsv.append(String.format(Locale.ROOT, "%.9f\t%.6f\t%.6f%n", p.threshold(), p.precision(), p.recall()));
        }
        Files.writeString(dir.resolve("pr-curve.tsv"), tsv, StandardCharsets.UTF_8);
        PrCurvePlot.write(
                dir.resolve("pr-curve.png"),
                r.curve(),
                "Live scorer, " + r.name() + ": the test window without known-compromised cards");
    }

    static String markdown(Result r) {
        StringBuilder md = new StringBuilder();
        md.append("# Backtest: ").append(r.name()).append("\n\n");
        md.append("Test window [")
                .append(r.from())
                .append(", ")
                .append(r.to())
                .append("): ")
                .append(r.scored())
                .append(" transactions scored by the live scorer (")
                .append(r.duplicates())
                .append(" scored twice); the model or rule set that decided: ")
                .append(r.modelVersions())
                .append(".\n\n");
        BacktestReport.Protocol p = r.protocol();
        md.append("## Ranking, as the Fraud Detection Handbook measures it\n\n");
        md.append(
                        "Cards known to be compromised before a test day (a fraud label arrived before it) are left out of that day: ")
                .append(p.removedKnownCompromised())
                .append(" transactions.\n\n");
        md.append("| transactions | frauds | AUC ROC | average precision | card precision@")
                .append(p.k())
                .append(" | top-")
                .append(p.k())
                .append(" card fraud share (no removal of detected cards) |\n");
        md.append("|---|---|---|---|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| %d | %d | %.3f | %.3f | %.3f | %.3f |%n%n",
                p.transactions(),
                p.frauds(),
                p.aucRoc(),
                p.averagePrecision(),
                p.cardPrecisionAtK(),
                p.topCardFraudShareAtK()));
        BacktestReport.Decisions d = r.decisions();
        md.append("## The scorer's decisions (every transaction of the window; an alert is REVIEW or DECLINE)\n\n");
        md.append("| transactions | alerts | alert rate | alert budget | precision | frauds | recall |\n"
                + "|---|---|---|---|---|---|---|\n");
        md.append(String.format(
                Locale.ROOT,
                "| %d | %d | %s | %s (%s) | %s | %d | %s |%n%n",
                d.transactions(),
                d.alerts(),
                percent(d.alertRate()),
                percent(r.alertBudget()),
                d.alertRate() <= r.alertBudget() ? "within" : "over by " + percent(d.alertRate() - r.alertBudget()),
                percent(d.precision()),
                d.frauds(),
                percent(d.recall())));
        if (!r.scenarios().isEmpty()) {
            md.append("| scenario | frauds | alerted | recall |\n|---|---|---|---|\n");
            for (Scenario s : r.scenarios()) {
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %s |%n",
                        s.scenario(),
                        s.frauds(),
                        s.alerted(),
                        percent(s.recall())));
            }
            md.append('\n');
        }
        if (r.equality() != null) {
            BacktestReport.Equality e = r.equality();
            md.append("## Live scores against the trainer's offline scores of the same transactions\n\n");
            md.append(String.format(
                    Locale.ROOT,
                    "%d compared, %d differ by more than %.0e (largest difference %.3g), "
                            + "%d scored live but not offline.",
                    e.compared(),
                    e.different(),
                    BacktestReport.SAME_SCORE,
                    e.largestDifference(),
                    e.missingOffline()));
            if (!e.differentTransactionIds().isEmpty()) {
                md.append(" First that differ: ")
                        .append(String.join(", ", e.differentTransactionIds()))
                        .append('.');
            }
            md.append("\n\n");
        }
        md.append("```\n").append(BacktestReport.summary(r)).append("\n```\n");
        return md.toString();
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
