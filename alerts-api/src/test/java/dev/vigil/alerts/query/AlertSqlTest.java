package dev.vigil.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AlertSqlTest {

    static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");
    static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void withNoFilterReadsNewestFirstOneRowBeyondThePage() {
        AlertSql.Statement statement =
                AlertSql.page(new AlertFilter(null, null, null, null, null, null, null, null, 50));

        assertThat(statement.sql())
                .doesNotContain("WHERE")
                .endsWith(" FROM alerts ORDER BY event_time DESC, alert_id DESC LIMIT ?");
        assertThat(statement.parameters()).containsExactly(51);
    }

    @Test
    void bindsEveryFilterAsAParameterInOrder() {
        AlertFilter filter = new AlertFilter(
                "bank-a", AlertStatus.OPEN, "tok-1", "m-042", MIDNIGHT, NOON, 0.9, new Cursor(NOON, "alert-9"), 10);

        AlertSql.Statement statement = AlertSql.page(filter);

        assertThat(statement.sql())
                .contains(" WHERE bank_id = ? AND status = ? AND card_token = ? AND merchant_id = ?"
                        + " AND event_time >= ? AND event_time < ? AND score >= ? AND (event_time, alert_id) < (?, ?)"
                        + " ORDER BY event_time DESC, alert_id DESC LIMIT ?");
        assertThat(statement.parameters())
                .containsExactly(
                        "bank-a",
                        "OPEN",
                        "tok-1",
                        "m-042",
                        MIDNIGHT.atOffset(ZoneOffset.UTC),
                        NOON.atOffset(ZoneOffset.UTC),
                        0.9,
                        NOON.atOffset(ZoneOffset.UTC),
                        "alert-9",
                        11);
    }

    @Test
    void neverPutsAValueIntoTheSqlText() {
        AlertSql.Statement statement = AlertSql.page(
                new AlertFilter("bank'; DROP TABLE alerts; --", null, null, null, null, null, null, null, 5));

        assertThat(statement.sql()).doesNotContain("DROP").contains("bank_id = ?");
    }

    @Test
    void countsPerUtcDayAndStatusWithinTheWindow() {
        AlertSql.Statement statement = AlertSql.counts(new AlertQueryParameters.CountFilter("bank-a", MIDNIGHT, NOON));

        assertThat(statement.sql())
                .isEqualTo("SELECT (event_time AT TIME ZONE 'UTC')::date AS day, status, count(*) AS alerts"
                        + " FROM alerts WHERE bank_id = ? AND event_time >= ? AND event_time < ?"
                        + " GROUP BY day, status ORDER BY day DESC, status");
        assertThat(statement.parameters())
                .containsExactly("bank-a", MIDNIGHT.atOffset(ZoneOffset.UTC), NOON.atOffset(ZoneOffset.UTC));
    }
}
