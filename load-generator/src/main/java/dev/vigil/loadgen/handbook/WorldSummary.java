package dev.vigil.loadgen.handbook;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** How many transactions a world has, and how many frauds of each scenario. */
record WorldSummary(long transactions, long scenario1, long scenario2, long scenario3) {

    static WorldSummary of(List<HandbookTransaction> transactions) {
        long[] byScenario = new long[4];
        for (HandbookTransaction transaction : transactions) {
            byScenario[transaction.scenario()]++;
        }
        return new WorldSummary(transactions.size(), byScenario[1], byScenario[2], byScenario[3]);
    }

    long frauds() {
        return scenario1 + scenario2 + scenario3;
    }

    double fraudShare() {
        return transactions == 0 ? 0 : frauds() / (double) transactions;
    }

    String line(Duration took) {
        return String.format(
                Locale.ROOT,
                "%d transactions, %d frauds (%.3f %%): scenario 1 %d, scenario 2 %d, scenario 3 %d; %.1f s",
                transactions,
                frauds(),
                100 * fraudShare(),
                scenario1,
                scenario2,
                scenario3,
                took.toMillis() / 1000.0);
    }
}
