package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.cli.DurationConverter;
import dev.vigil.trainer.risk.RiskClock;
import dev.vigil.trainer.scoring.ScoreCommand;
import dev.vigil.trainer.training.Grid;
import dev.vigil.trainer.training.Learner;
import dev.vigil.trainer.training.NotEnoughLabels;
import dev.vigil.trainer.training.TrainingConfig;
import dev.vigil.trainer.training.TrainingWindows;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class TrainerCliTest {

    private static final Instant NEWEST = Instant.parse("2026-11-23T12:00:00.001Z");
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final DurationConverter interval = new DurationConverter();
    private final TrainerCli.ReferenceTimeConverter reference = new TrainerCli.ReferenceTimeConverter();

    @Test
    void readsIntervalsInShortAndIsoForms() {
        assertThat(interval.convert("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(interval.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(interval.convert("40s")).isEqualTo(Duration.ofSeconds(40));
        assertThat(interval.convert("PT90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(interval.convert("0")).as("a trigger as fast as possible").isEqualTo(Duration.ZERO);
        assertThat(interval.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> interval.convert("6w")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void declaresEveryCommand() {
        assertThat(TrainerCli.commandLine().getSubcommands())
                .containsOnlyKeys(
                        "archive", "merchant-risk", "train", "run", "every", "score", "score-stream", "benchmark");
    }

    @Test
    void referenceTimeIsAFixedInstantTheHistorysEndOrNow() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertThat(reference.convert("2026-11-01T00:00:00Z").resolve(() -> Optional.of(NEWEST), clock))
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(reference.convert("history-end").resolve(() -> Optional.of(NEWEST), clock))
                .isEqualTo(NEWEST);
        // an empty history has no end: now, and the run then finds too few labels
        assertThat(reference.convert("history-end").resolve(Optional::empty, clock))
                .isEqualTo(NOW);
        assertThat(reference.convert("now").resolve(() -> Optional.of(NEWEST), clock))
                .isEqualTo(NOW);
        assertThatThrownBy(() -> reference.convert("yesterday"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("history-end");
    }

    @Test
    void windowsAndTheFraudMinimumAreOptionsWithTheDocumentedDefaults() {
        TrainerCli.TrainCommand defaults = parsed("train");
        assertThat(defaults.options.trainWindow).isEqualTo(Duration.ofDays(21));
        assertThat(defaults.options.delayWindow).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.options.testWindow).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.options.minFrauds).isEqualTo(20);

        TrainerCli.TrainCommand demo = parsed(
                "train",
                "--train-window",
                "3d",
                "--delay-window",
                "10s",
                "--test-window",
                "40s",
                "--min-frauds",
                "5",
                "--reference-time",
                "history-end");
        assertThat(demo.options.trainWindow).isEqualTo(Duration.ofDays(3));
        assertThat(demo.options.delayWindow).isEqualTo(Duration.ofSeconds(10));
        assertThat(demo.options.testWindow).isEqualTo(Duration.ofSeconds(40));
        assertThat(demo.options.minFrauds).isEqualTo(5);
        assertThat(demo.options.referenceTime.historyEnd()).isTrue();
    }

    @Test
    void theDefaultGridOnThreeFoldsOnEveryTransactionUnlessAGridFoldsAndAGenuineSampleAreGiven() {
        TrainingConfig defaults =
                TrainerCliTest.<TrainerCli.TrainCommand>parsed("train").options.trainingConfig();
        assertThat(defaults.grid()).isEqualTo(Grid.parse(Grid.DEFAULT));
        assertThat(defaults.folds()).isEqualTo(3);
        assertThat(defaults.genuineSample()).isEqualTo(1.0);

        TrainingConfig demo = TrainerCliTest.<TrainerCli.TrainCommand>parsed(
                        "train", "--grid", "gbt:rounds=20,depth=5", "--folds", "1", "--genuine-sample", "0.2")
                .options
                .trainingConfig();
        assertThat(demo.grid().learners()).containsExactly(Learner.GRADIENT_BOOSTED_TREES);
        assertThat(demo.folds()).isEqualTo(1);
        assertThat(demo.genuineSample()).isEqualTo(0.2);

        assertThatThrownBy(() -> parsed("train", "--grid", "svm:c=1"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("no learner 'svm' (lr, rf, gbt)");
        assertThatThrownBy(() -> TrainerCliTest.<TrainerCli.TrainCommand>parsed("train", "--folds", "0")
                        .options
                        .trainingConfig())
                .hasMessageContaining("folds must be at least 1");
        assertThatThrownBy(() -> TrainerCliTest.<TrainerCli.TrainCommand>parsed("train", "--genuine-sample", "0")
                        .options
                        .trainingConfig())
                .hasMessageContaining("the genuine sample must be above 0 and at most 1");
    }

    @Test
    void theHandbookProtocolsOptionsPlaceTheWindowsTheLabelDelayBeforeTheReference() {
        TrainerCli.TrainCommand handbook = parsed(
                "train",
                "--reference-time",
                "2018-08-08T00:00:00Z",
                "--train-window",
                "7d",
                "--delay-window",
                "7d",
                "--test-window",
                "7d",
                "--label-delay",
                "7d");
        TrainingWindows windows = handbook.options.trainingConfig().windowsAt(handbook.options.referenceTime.fixed());
        assertThat(windows.evaluation().from()).isEqualTo(Instant.parse("2018-07-25T00:00:00Z"));
        assertThat(windows.evaluationTrain().from()).isEqualTo(Instant.parse("2018-07-11T00:00:00Z"));
        assertThat(windows.finalTrain().to()).isEqualTo(Instant.parse("2018-08-01T00:00:00Z"));
        assertThat(handbook.options.trainingConfig().dedupRetention()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void scoreNeedsAModelVersionAndAnEventTimeRange() {
        ScoreCommand score = parsed(
                "score",
                "--model-version",
                "gbt-20180808T000000Z",
                "--from",
                "2018-08-08T00:00:00Z",
                "--to",
                "2018-08-15T00:00:00Z",
                "--out",
                "scores.csv");
        assertThat(score.from).isEqualTo(Instant.parse("2018-08-08T00:00:00Z"));
        assertThat(score.to).isEqualTo(Instant.parse("2018-08-15T00:00:00Z"));
        assertThat(score.modelVersion).isEqualTo("gbt-20180808T000000Z");
        assertThatThrownBy(() -> parsed(
                        "score",
                        "--model-version",
                        "v",
                        "--from",
                        "2018-08-08",
                        "--to",
                        "2018-08-15T00:00:00Z",
                        "--out",
                        "scores.csv"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("ISO-8601 instant");
        assertThatThrownBy(() -> parsed(
                        "score",
                        "--from",
                        "2018-08-08T00:00:00Z",
                        "--to",
                        "2018-08-15T00:00:00Z",
                        "--out",
                        "scores.csv"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--model-version");
    }

    @Test
    void theLabelDelayIsADurationWithTheFormerWholeDaysOptionAsAnAlias() {
        TrainerCli.BatchOptions defaults =
                TrainerCliTest.<TrainerCli.MerchantRiskCommand>parsed("merchant-risk").options;
        assertThat(defaults.riskClock()).isEqualTo(RiskClock.of(Duration.ofDays(7), Duration.ofDays(1)));

        assertThat(TrainerCliTest.<TrainerCli.MerchantRiskCommand>parsed(
                                "merchant-risk", "--label-delay", "20s", "--risk-interval", "10s")
                        .options
                        .riskClock())
                .isEqualTo(RiskClock.of(Duration.ofSeconds(20), Duration.ofSeconds(10)));
        assertThat(TrainerCliTest.<TrainerCli.MerchantRiskCommand>parsed("merchant-risk", "--label-delay-days", "3")
                        .options
                        .riskClock()
                        .labelDelay())
                .isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> new TrainerCli.RiskIntervalConverter().convert("7m"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("divide a day");
    }

    @Test
    void tooLittleLabelledHistoryIsOneLineOnStandardOutputAndItsOwnExitStatus() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TrainerCli.commandLine().addSubcommand("young", new YoungHistory());
        cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int status = cli.execute("young");

        assertThat(status).isEqualTo(TrainerCli.NOT_TRAINED);
        assertThat(out.toString()).isEqualTo("not trained: the test window has 3 frauds" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void anyOtherFailureStaysAFailure() {
        CommandLine cli = TrainerCli.commandLine().addSubcommand("broken", new Broken());
        cli.setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(new StringWriter()));

        assertThat(cli.execute("broken")).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private static <T> T parsed(String... args) {
        CommandLine.ParseResult result = TrainerCli.commandLine().parseArgs(args);
        return (T) result.subcommand().commandSpec().userObject();
    }

    @Command(name = "young")
    static final class YoungHistory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new NotEnoughLabels("the test window has 3 frauds");
        }
    }

    @Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("cannot reach the broker");
        }
    }
}
