package dev.vigil.alerts.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** SQL for alert queries, built from a filter with every value bound as a parameter. */
final class AlertSql {

    static final String COLUMNS = "alert_id, bank_id, transaction_id, card_token, card_masked, amount_minor, currency,"
            + " merchant_id, mcc, merchant_country, channel, event_time, score, decision, reasons::text AS reasons,"
            + " model_version, status, scored_at, created_at, version, disposed_by, disposition_note, disposed_at";

    static final String BY_ID = "SELECT " + COLUMNS + " FROM alerts WHERE alert_id = ? AND bank_id = ?";

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {}

    private AlertSql() {}

    /** One page plus one row, so the caller knows whether another page follows. */
    static Statement page(AlertFilter filter) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        condition(conditions, parameters, "bank_id = ?", filter.bankId());
        condition(
                conditions,
                parameters,
                "status = ?",
                filter.status() == null ? null : filter.status().name());
        condition(conditions, parameters, "card_token = ?", filter.cardToken());
        condition(conditions, parameters, "merchant_id = ?", filter.merchantId());
        condition(conditions, parameters, "event_time >= ?", utc(filter.from()));
        condition(conditions, parameters, "event_time < ?", utc(filter.to()));
        condition(conditions, parameters, "score >= ?", filter.minScore());
        if (filter.after() != null) {
            conditions.add("(event_time, alert_id) < (?, ?)");
            parameters.add(utc(filter.after().eventTime()));
            parameters.add(filter.after().alertId());
        }
        parameters.add(filter.limit() + 1);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return new Statement(
                "SELECT " + COLUMNS + " FROM alerts" + where + " ORDER BY event_time DESC, alert_id DESC LIMIT ?",
                List.copyOf(parameters));
    }

    /** Alerts per day (UTC, by event time) and status, newest day first. */
    static Statement counts(AlertQueryParameters.CountFilter filter) {
        List<Object> parameters = new ArrayList<>();
        String bank = "";
        if (filter.bankId() != null) {
            bank = "bank_id = ? AND ";
            parameters.add(filter.bankId());
        }
        parameters.add(utc(filter.from()));
        parameters.add(utc(filter.to()));
        return new Statement(
                "SELECT (event_time AT TIME ZONE 'UTC')::date AS day, status, count(*) AS alerts FROM alerts"
                        + " WHERE " + bank
                        + "event_time >= ? AND event_time < ? GROUP BY day, status ORDER BY day DESC, status",
                List.copyOf(parameters));
    }

    /** timestamptz parameters as offset date-times, so no JVM time zone takes part. */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static void condition(List<String> conditions, List<Object> parameters, String sql, Object value) {
        if (value != null) {
            conditions.add(sql);
            parameters.add(value);
        }
    }
}
