package dev.vigil.features.rules;

/** Stable codes of the reasons behind a score; alerts, dashboards and analysts key on them. */
public enum ReasonCode {
    AMOUNT_FAR_ABOVE_USUAL,
    BURST_OF_TRANSACTIONS,
    NEW_COUNTRY_FOR_CARD
}
