package dev.vigil.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.features.rules.RulesConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the scorer's settings come from configuration: the rules' defaults live in features, once. */
class ScorerConfigTest {

    static final Map<String, String> REQUIRED = Map.of(
            "vigil.scorer.dedup-retention", "P1D",
            "vigil.scorer.profile-idle-expiry", "P90D",
            "vigil.scorer.profile-expiry-scan", "PT1H",
            "vigil.scorer.close-timeout", "PT30S",
            "vigil.scorer.budget.share", "0.01",
            "vigil.scorer.budget.ceiling", "0.05",
            "vigil.scorer.budget.window", "2000");

    static ScorerSettings settings(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ScorerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        return config.getConfigMapping(ScorerConfig.class).settings("vigil-scorer");
    }

    @Test
    void withoutOverridesTheRulesAreFeaturesDefaults() {
        assertThat(settings(REQUIRED, Map.of()).rules()).isEqualTo(RulesConfig.DEFAULTS);
    }

    @Test
    void anEnvironmentVariableOverridesOneRuleAndLeavesTheOthersAtTheirDefault() {
        RulesConfig rules = settings(
                        REQUIRED,
                        Map.of("VIGIL_SCORER_RULES_BURST_TRANSACTIONS", "4", "VIGIL_SCORER_RULES_AMOUNT_RATIO", "12.5"))
                .rules();

        assertThat(rules.burstTransactions()).isEqualTo(4);
        assertThat(rules.amountRatio()).isEqualTo(12.5);
        assertThat(rules.minHistory()).isEqualTo(RulesConfig.DEFAULTS.minHistory());
        assertThat(rules.travelMinKmh()).isEqualTo(RulesConfig.DEFAULTS.travelMinKmh());
    }

    @Test
    void theBudgetHasADefaultABanksOwnAndTheCeiling() {
        Map<String, String> properties = new HashMap<>(REQUIRED);
        properties.put("vigil.scorer.budget.per-scope.\"bank-a\"", "0.02");

        AlertBudget budget = settings(properties, Map.of("VIGIL_SCORER_BUDGET_CEILING", "0.1"))
                .budget();

        assertThat(budget.shareFor("bank-a")).isEqualTo(0.02);
        assertThat(budget.shareFor("bank-b")).isEqualTo(0.01);
        assertThat(budget.ceiling()).isEqualTo(0.1);
        assertThat(budget.window()).isEqualTo(2000);
    }
}
