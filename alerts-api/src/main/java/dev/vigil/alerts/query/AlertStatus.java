package dev.vigil.alerts.query;

/** Where an alert stands: new alerts are OPEN until an analyst decides. */
public enum AlertStatus {
    OPEN,
    CONFIRMED_FRAUD,
    FALSE_POSITIVE
}
