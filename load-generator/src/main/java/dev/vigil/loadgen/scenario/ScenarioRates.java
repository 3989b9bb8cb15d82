package dev.vigil.loadgen.scenario;

import java.util.EnumMap;
import java.util.Map;

/**
 * The share of all transactions that is fraud of each scenario (0.01 = 1 %). A zero rate switches
 * the scenario off.
 */
public record ScenarioRates(Map<Scenario, Double> shares) {

    public ScenarioRates {
        shares = Map.copyOf(shares);
        double total = 0;
        for (Map.Entry<Scenario, Double> share : shares.entrySet()) {
            if (share.getValue() < 0 || share.getValue() > 0.2) {
                throw new IllegalArgumentException(
                        "the " + share.getKey().label() + " rate must be between 0 and 0.2, it is " + share.getValue());
            }
            total += share.getValue();
        }
        if (total > 0.5) {
            throw new IllegalArgumentException("the fraud rates add up to " + total + "; at most 0.5 is allowed");
        }
    }

    /** About 2.5 % fraud in all, every scenario on. */
    public static ScenarioRates defaults() {
        Map<Scenario, Double> shares = new EnumMap<>(Scenario.class);
        shares.put(Scenario.CARD_TESTING, 0.006);
        shares.put(Scenario.ACCOUNT_TAKEOVER, 0.005);
        shares.put(Scenario.IMPOSSIBLE_TRAVEL, 0.004);
        shares.put(Scenario.COMPROMISED_MERCHANT, 0.005);
        shares.put(Scenario.HIGH_AMOUNT, 0.004);
        return new ScenarioRates(shares);
    }

    /** Every share multiplied by {@code factor} (the same mix of scenarios, more or less fraud in all). */
    public ScenarioRates scaled(double factor) {
        Map<Scenario, Double> scaled = new EnumMap<>(Scenario.class);
        shares.forEach((scenario, share) -> scaled.put(scenario, share * factor));
        return new ScenarioRates(scaled);
    }

    public double share(Scenario scenario) {
        return shares.getOrDefault(scenario, 0.0);
    }

    public double total() {
        return shares.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
