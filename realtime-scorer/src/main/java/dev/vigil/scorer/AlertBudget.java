package dev.vigil.scorer;

import java.util.Map;

/**
 * How many alerts a bank's analysts can work: the share of scored transactions that may raise one.
 * The budget is what Prometheus compares the live rate with (a ticket); the ceiling is where the
 * scorer stops trusting a newly installed model and falls back by itself.
 *
 * @param share    the budget of every scope without its own, in (0, 1)
 * @param perScope a bank's own budget, by scope ({@code bank-a}, or {@code *} for the all-banks model)
 * @param ceiling  a model whose live alert rate exceeds this over a whole window is refused
 * @param window   transactions a model must have scored in a scope before its rate counts (the
 *                 sustained interval, by count so that a replay decides as live does)
 */
record AlertBudget(double share, Map<String, Double> perScope, double ceiling, int window) {

    AlertBudget {
        perScope = Map.copyOf(perScope);
        requireRate(share, "share");
        perScope.forEach((scope, rate) -> requireRate(rate, "the budget of " + scope));
        // a ceiling of 1 turns the guard off (no rate is above it): for benchmarks of a model that alerts on all
        if (!(ceiling > 0 && ceiling <= 1)) {
            throw new IllegalArgumentException("ceiling must be a share in (0, 1]: " + ceiling);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least one transaction: " + window);
        }
        double largest = perScope.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        if (ceiling < Math.max(share, largest)) {
            throw new IllegalArgumentException("the ceiling (" + ceiling + ") must not be below a budget");
        }
    }

    /** The scope's own budget, else the default one. */
    double shareFor(String scope) {
        return perScope.getOrDefault(scope, share);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be a share in (0, 1): " + rate);
        }
    }
}
