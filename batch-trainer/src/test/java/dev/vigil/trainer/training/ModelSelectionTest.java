package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.bench.SyntheticHistory;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Prequential selection on a synthetic history long enough for two folds, and too short for a third. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelSelectionTest {

    private final SparkSession spark = TestSpark.session();
    private SyntheticHistory population;
    private TrainingWindows windows;
    private Training.Result result;

    @BeforeAll
    void trainOnce() {
        // 35 days: fold 0 needs 7 train + 7 delay + 7 evaluation + 7 label delay = 28, fold 1 a week more;
        // fold 2 would start its training window before the history
        population = new SyntheticHistory(300, 35, TrainingTest.START, 2.0, 0.15, 5L);
        TrainingConfig config = new TrainingConfig(
                Duration.ofDays(7),
                Duration.ofDays(7),
                Duration.ofDays(7),
                10,
                0.01,
                0.002,
                Grid.parse("lr:reg=0.0001|10;rf:trees=5,depth=3|5"),
                3,
                7L,
                5,
                TrainingTest.MERCHANT_RISK,
                TrainingConfig.SCORER_DEDUP_RETENTION,
                1);
        windows = config.windowsAt(population.end());
        result = Training.train(
                population.transactions(spark), population.labels(spark), windows, config, TrainingTest.TRAINED_AT);
    }

    @Test
    void validatesEverySettingOnEachFoldMovingBackATestWindowAtATimeAndLeavesOutAFoldBeforeTheHistory() {
        Training.Selection selection = result.selection();

        assertThat(selection.validations())
                .containsExactly(
                        windows.evaluation(),
                        windows.earlier(Duration.ofDays(7)).evaluation());
        assertThat(selection.trials())
                .extracting(t -> t.setting().toString())
                .containsExactly("lr reg=0.0001", "lr reg=10", "rf depth=3 trees=5", "rf depth=5 trees=5");
        assertThat(selection.trials())
                .allSatisfy(t -> assertThat(t.averagePrecisions()).hasSize(2).allSatisfy(ap -> assertThat(ap)
                        .isBetween(0.0, 1.0)));
    }

    @Test
    void eachLearnersCandidateIsItsSettingWithTheHighestMeanAndTheBestCandidateIsTheChoice() {
        Training.Selection selection = result.selection();

        for (Training.Candidate candidate : result.candidates()) {
            ModelSelection.Trial best = selection.trials().stream()
                    .filter(t -> t.setting().learner().type() == candidate.type())
                    .max(Comparator.comparingDouble(ModelSelection.Trial::mean))
                    .orElseThrow();
            assertThat(candidate.validationAveragePrecision()).isEqualTo(best.mean());
        }
        assertThat(result.candidates())
                .extracting(Training.Candidate::validationAveragePrecision)
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(selection.chosen().learner().type()).isEqualTo(result.best().type());
        // the chosen setting's fold-0 validation is the candidate's measure on the evaluation window
        ModelSelection.Trial chosen = selection.trials().stream()
                .filter(t -> t.setting().equals(selection.chosen()))
                .findFirst()
                .orElseThrow();
        assertThat(chosen.averagePrecisions().get(0)).isEqualTo(result.best().averagePrecision());
        // a heavily regularised logistic regression ranks below a lightly regularised one
        assertThat(selection.trials().get(0).mean())
                .isGreaterThan(selection.trials().get(1).mean());
        assertThat(List.of(result.best().bundle().getModelVersion())).isNotEmpty();
    }
}
