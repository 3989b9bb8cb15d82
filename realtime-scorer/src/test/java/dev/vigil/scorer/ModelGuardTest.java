package dev.vigil.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.features.FeatureSchema;
import dev.vigil.features.model.ModelEvaluator;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fallback decision alone: no topology, no registry. */
class ModelGuardTest {

    static final String BANK = "bank-a";
    static final int WINDOW = 10;
    static final AlertBudget BUDGET = new AlertBudget(0.01, Map.of("bank-b", 0.02), 0.2, WINDOW);

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ScorerMetrics metrics = new ScorerMetrics(meters);
    final CurrentModels models = new CurrentModels(metrics);
    final ModelGuard guard = new ModelGuard(BUDGET, models, metrics);

    static ModelEvaluator model(String scope, String version) {
        return ModelEvaluator.compile(Models.constant(scope, version, 0), FeatureSchema.CURRENT);
    }

    /** Scores {@code count} transactions of the bank with what is in force, {@code alerts} of them alerted. */
    void score(int count, int alerts) {
        for (int i = 0; i < count; i++) {
            guard.observe(models.inForce(BANK), i < alerts);
        }
    }

    double fallbacks(String from, String to) {
        var counter = meters.find(ScorerMetrics.MODEL_FALLBACKS)
                .tags("scope", BANK, "from", from, "to", to)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aModelAlertingAboveTheCeilingForAWholeWindowFallsBackToThePreviousOne() {
        models.install(BANK, model(BANK, "lr-good"));
        models.install(BANK, model(BANK, "lr-bad"));

        score(WINDOW - 1, WINDOW - 1);
        assertThat(models.inForce(BANK).version()).as("not yet a whole window").isEqualTo("lr-bad");
        score(1, 1);

        assertThat(models.inForce(BANK).version()).isEqualTo("lr-good");
        assertThat(fallbacks("lr-bad", "lr-good")).isEqualTo(1);
        assertThat(meters.find(ScorerMetrics.MODEL).tag("version", "lr-good").gauge())
                .as("the model in force")
                .isNotNull();
        assertThat(meters.find(ScorerMetrics.MODEL).tag("version", "lr-bad").gauge())
                .isNull();
    }

    @Test
    void aModelWithinTheCeilingKeepsScoring() {
        models.install(BANK, model(BANK, "lr-good"));
        models.install(BANK, model(BANK, "lr-busy"));

        // 20 % exactly is at the ceiling, not above it
        score(WINDOW * 5, 2);

        assertThat(models.inForce(BANK).version()).isEqualTo("lr-busy");
        assertThat(meters.find(ScorerMetrics.MODEL_FALLBACKS).counters()).isEmpty();
    }

    @Test
    void aBadFirstModelFallsBackToTheRules() {
        models.install(BANK, model(BANK, "lr-bad"));

        score(WINDOW, WINDOW);

        assertThat(models.inForce(BANK).model()).isNull();
        assertThat(models.inForce(BANK).version()).isEqualTo(RulesScorer.VERSION);
        assertThat(fallbacks("lr-bad", RulesScorer.VERSION)).isEqualTo(1);
    }

    @Test
    void aBanksBadModelFallsBackToTheModelForAllBanks() {
        models.install(Topics.ALL_BANKS, model(Topics.ALL_BANKS, "lr-everyone"));
        models.install(BANK, model(BANK, "lr-bad"));

        score(WINDOW, WINDOW);

        assertThat(models.inForce(BANK))
                .isEqualTo(new CurrentModels.InForce(
                        Topics.ALL_BANKS, models.inForce(Topics.ALL_BANKS).model()));
        assertThat(fallbacks("lr-bad", "lr-everyone")).isEqualTo(1);
    }

    @Test
    void theRefusedVersionIsNotInstalledAgainButANewVersionIs() {
        models.install(BANK, model(BANK, "lr-good"));
        models.install(BANK, model(BANK, "lr-bad"));
        score(WINDOW, WINDOW);

        assertThat(models.install(BANK, model(BANK, "lr-bad")))
                .as("the same version again")
                .isFalse();
        assertThat(models.inForce(BANK).version()).isEqualTo("lr-good");

        assertThat(models.install(BANK, model(BANK, "lr-fixed"))).isTrue();
        assertThat(models.inForce(BANK).version()).isEqualTo("lr-fixed");
    }

    @Test
    void theRulesAreNeverRefused() {
        score(WINDOW * 3, WINDOW * 3);

        assertThat(models.inForce(BANK).version()).isEqualTo(RulesScorer.VERSION);
        assertThat(meters.find(ScorerMetrics.MODEL_FALLBACKS).counters()).isEmpty();
    }

    @Test
    void aFallbackDoesNotUndoAModelInstalledMeanwhile() {
        models.install(BANK, model(BANK, "lr-good"));
        ModelEvaluator bad = model(BANK, "lr-bad");
        models.install(BANK, bad);
        models.install(BANK, model(BANK, "lr-newer"));

        assertThat(models.fallBack(BANK, bad)).isNull();
        assertThat(models.inForce(BANK).version()).isEqualTo("lr-newer");
    }

    @Test
    void exportsTheLiveRateTheBudgetAndTheCeilingPerScope() {
        score(4, 1);

        assertThat(meters.find(ScorerMetrics.ALERT_RATE)
                        .tag("scope", BANK)
                        .gauge()
                        .value())
                .isEqualTo(0.25);
        assertThat(meters.find(ScorerMetrics.ALERT_BUDGET)
                        .tag("scope", BANK)
                        .gauge()
                        .value())
                .isEqualTo(0.01);
        assertThat(meters.find(ScorerMetrics.ALERT_CEILING)
                        .tag("scope", BANK)
                        .gauge()
                        .value())
                .isEqualTo(0.2);
        assertThat(BUDGET.shareFor("bank-b")).as("a bank's own budget").isEqualTo(0.02);
    }

    @Test
    void aCeilingOfOneKeepsAModelThatAlertsOnEverything() {
        ModelGuard off = new ModelGuard(new AlertBudget(0.01, Map.of(), 1, WINDOW), models, metrics);
        models.install(BANK, model(BANK, "lr-all"));

        for (int i = 0; i < WINDOW * 3; i++) {
            off.observe(models.inForce(BANK), true);
        }

        assertThat(models.inForce(BANK).version()).isEqualTo("lr-all");
        assertThatThrownBy(() -> new AlertBudget(0.01, Map.of(), 1.5, WINDOW))
                .hasMessage("ceiling must be a share in (0, 1]: 1.5");
    }

    @Test
    void refusesACeilingBelowABudget() {
        assertThatThrownBy(() -> new AlertBudget(0.01, Map.of("bank-b", 0.3), 0.2, WINDOW))
                .hasMessage("the ceiling (0.2) must not be below a budget");
    }
}
