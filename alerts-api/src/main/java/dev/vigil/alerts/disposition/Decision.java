package dev.vigil.alerts.disposition;

import java.time.Instant;

/** One decision of an alert's history: the version it made, the status it set, who, why and when. */
public record Decision(int version, String status, String analyst, String note, Instant decidedAt) {}
