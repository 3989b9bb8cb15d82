package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GridTest {

    @Test
    void triesEveryCombinationOfEachLearnersValuesInTheOrderWritten() {
        Grid grid = Grid.parse("lr:reg=0.0001|0.01; gbt:rounds=50|100,depth=4|6,step=0.1");

        assertThat(grid.settings())
                .extracting(Grid.Setting::toString)
                .containsExactly(
                        "lr reg=0.0001", "lr reg=0.01",
                        "gbt depth=4 rounds=50 step=0.1", "gbt depth=6 rounds=50 step=0.1",
                        "gbt depth=4 rounds=100 step=0.1", "gbt depth=6 rounds=100 step=0.1");
        assertThat(grid.learners()).containsExactly(Learner.LOGISTIC_REGRESSION, Learner.GRADIENT_BOOSTED_TREES);
        assertThat(grid.of(Learner.RANDOM_FOREST)).isEmpty();
    }

    @Test
    void aLearnerWithoutParametersIsTriedWithItsDefaultsAndEveryLearnerTakesAClassWeight() {
        Grid grid = Grid.parse("lr;rf:weight=0|0.5|1");

        assertThat(grid.of(Learner.LOGISTIC_REGRESSION))
                .singleElement()
                .satisfies(s -> assertThat(s.params()).isEmpty())
                .satisfies(s -> assertThat(s.weight()).isEqualTo(1.0));
        assertThat(grid.of(Learner.RANDOM_FOREST))
                .extracting(Grid.Setting::weight)
                .containsExactly(0.0, 0.5, 1.0);
    }

    @Test
    void theDefaultGridParsesAndTriesEveryLearner() {
        assertThat(Grid.parse(Grid.DEFAULT).learners()).containsExactly(Learner.values());
    }

    @Test
    void refusesWhatItCannotTryNamingThePartAndTheReason() {
        assertThatThrownBy(() -> Grid.parse("svm:c=1")).hasMessage("no learner 'svm' (lr, rf, gbt)");
        assertThatThrownBy(() -> Grid.parse("rf:rounds=10"))
                .hasMessage("unknown parameter 'rounds' for rf (it takes trees, depth, leaf, bins, weight)");
        assertThatThrownBy(() -> Grid.parse("gbt:depth=four"))
                .hasMessage("'depth=four' in the grid: 'four' is not a number");
        assertThatThrownBy(() -> Grid.parse("gbt:depth")).hasMessage("'depth' in the grid: expected name=value|value");
        assertThatThrownBy(() -> Grid.parse(" ; ")).hasMessage("the grid holds no learner");
    }

    @Test
    void aSettingReadsItsValuesAndFallsBackToTheLearnersDefault() {
        Grid.Setting setting = new Grid.Setting(Learner.GRADIENT_BOOSTED_TREES, java.util.Map.of("depth", 6.0));

        assertThat(List.of(setting.get("depth", 5), setting.get("rounds", 20))).containsExactly(6.0, 20.0);
    }
}
