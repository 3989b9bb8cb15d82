package dev.vigil.alerts.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alerts.Jdbc;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Stores a batch of alerts in one database transaction. An alert id already stored is skipped, so
 * a redelivered batch changes nothing: this and committing offsets after it make the sink's effect
 * exactly-once.
 */
final class AlertWriter {

    static final String INSERT = "INSERT INTO alerts (alert_id, bank_id, transaction_id, card_token, card_masked,"
            + " amount_minor, currency, merchant_id, mcc, merchant_country, channel, event_time, score, decision,"
            + " reasons, model_version, scored_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
            + " ON CONFLICT (alert_id) DO NOTHING";

    private final DataSource dataSource;
    private final ObjectMapper json;

    AlertWriter(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** @return the alerts that were new (the rest were stored already), in batch order */
    List<NewAlert> insert(List<NewAlert> alerts) throws SQLException {
        if (alerts.isEmpty()) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (NewAlert alert : alerts) {
                    bind(insert, alert);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                List<NewAlert> inserted = new ArrayList<>();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        inserted.add(alerts.get(i));
                    }
                }
                return inserted;
            }
        });
    }

    private void bind(PreparedStatement insert, NewAlert alert) throws SQLException {
        int i = 0;
        insert.setString(++i, alert.alertId());
        insert.setString(++i, alert.bankId());
        insert.setString(++i, alert.transactionId());
        insert.setString(++i, alert.cardToken());
        insert.setString(++i, alert.cardMasked());
        insert.setLong(++i, alert.amountMinor());
        insert.setString(++i, alert.currency());
        insert.setString(++i, alert.merchantId());
        insert.setString(++i, alert.mcc());
        insert.setString(++i, alert.merchantCountry());
        insert.setString(++i, alert.channel());
        insert.setObject(++i, utc(alert.eventTime()));
        insert.setDouble(++i, alert.score());
        insert.setString(++i, alert.decision());
        insert.setString(++i, reasonsJson(alert));
        insert.setString(++i, alert.modelVersion());
        insert.setObject(++i, utc(alert.scoredAt()));
        insert.setObject(++i, utc(alert.createdAt()));
    }

    private String reasonsJson(NewAlert alert) {
        try {
            return json.writeValueAsString(alert.reasons());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reasons are plain records and always serialise", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
