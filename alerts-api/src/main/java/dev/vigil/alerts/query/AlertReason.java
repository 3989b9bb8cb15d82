package dev.vigil.alerts.query;

/** One reason behind an alert's score, as stored (jsonb) and served. */
public record AlertReason(String code, String description, double contribution) {}
