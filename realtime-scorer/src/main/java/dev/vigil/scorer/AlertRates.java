package dev.vigil.scorer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live alert rate per scope over the last {@link AlertBudget#window()} transactions scored by the
 * model (or rule set) in force there, counted by records, never by the wall clock, so a replay sees
 * what live traffic would. A scope's window starts afresh whenever another version scores it: a model
 * is judged on its own records only.
 *
 * <p>Kept in memory, per instance: see {@link ModelGuard} for why that is enough.
 */
final class AlertRates {

    private final int size;
    private final Map<String, Window> byScope = new ConcurrentHashMap<>();

    AlertRates(int size) {
        this.size = size;
    }

    /** Counts one scored transaction; returns the scope's window after it. */
    Rate record(String scope, String version, boolean alert) {
        return byScope.computeIfAbsent(scope, s -> new Window(size)).add(version, alert);
    }

    /** The scope's current rate, 0 before any record. */
    double rate(String scope) {
        Window window = byScope.get(scope);
        return window == null ? 0 : window.rate();
    }

    /**
     * @param scored transactions in the window (at most its size), all by {@code version}
     * @param full   whether the window has reached its size
     */
    record Rate(String version, int scored, int alerts, boolean full) {

        double share() {
            return scored == 0 ? 0 : (double) alerts / scored;
        }
    }

    /** A ring of the latest outcomes; stream threads of several partitions may share one scope. */
    private static final class Window {

        private final boolean[] alerted;
        private String version;
        private int next;
        private int scored;
        private int alerts;

        Window(int size) {
            this.alerted = new boolean[size];
        }

        synchronized Rate add(String scoredBy, boolean alert) {
            if (!scoredBy.equals(version)) {
                version = scoredBy;
                next = 0;
                scored = 0;
                alerts = 0;
            }
            if (scored == alerted.length && alerted[next]) {
                alerts--;
            }
            alerted[next] = alert;
            if (alert) {
                alerts++;
            }
            next = (next + 1) % alerted.length;
            scored = Math.min(scored + 1, alerted.length);
            return new Rate(version, scored, alerts, scored == alerted.length);
        }

        synchronized double rate() {
            return scored == 0 ? 0 : (double) alerts / scored;
        }
    }
}
