package dev.vigil.alerts.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.schemas.MinorUnits;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads stored alerts (table {@code alerts}, written by the sink). */
@ApplicationScoped
class AlertQueries {

    private static final TypeReference<List<AlertReason>> REASONS = new TypeReference<>() {};

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    AlertQueries(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    AlertPage page(AlertFilter filter) throws SQLException {
        AlertSql.Statement statement = AlertSql.page(filter);
        List<AlertView> rows = query(statement.sql(), statement.parameters());
        if (rows.size() <= filter.limit()) {
            return new AlertPage(rows, null);
        }
        List<AlertView> items = rows.subList(0, filter.limit());
        AlertView last = items.get(items.size() - 1);
        return new AlertPage(List.copyOf(items), new Cursor(last.eventTime(), last.alertId()).encode());
    }

    /** The alert, if it exists and is the bank's: another bank's alert is as absent as a missing one. */
    Optional<AlertView> byId(String bankId, String alertId) throws SQLException {
        return query(AlertSql.BY_ID, List.of(alertId, bankId)).stream().findFirst();
    }

    AlertCounts counts(AlertQueryParameters.CountFilter filter) throws SQLException {
        AlertSql.Statement statement = AlertSql.counts(filter);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(statement.sql())) {
            bind(select, statement.parameters());
            List<AlertCounts.Count> counts = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.add(new AlertCounts.Count(
                            rs.getObject("day", LocalDate.class), rs.getString("status"), rs.getLong("alerts")));
                }
            }
            return new AlertCounts(filter.from(), filter.to(), counts);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private List<AlertView> query(String sql, List<Object> parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<AlertView> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(view(rs));
                }
            }
            return rows;
        }
    }

    private AlertView view(ResultSet rs) throws SQLException {
        long amountMinor = rs.getLong("amount_minor");
        String currency = rs.getString("currency");
        return new AlertView(
                rs.getString("alert_id"),
                rs.getString("bank_id"),
                rs.getString("transaction_id"),
                rs.getString("card_token"),
                rs.getString("card_masked"),
                MinorUnits.decimal(amountMinor, currency),
                amountMinor,
                currency,
                rs.getString("merchant_id"),
                rs.getString("mcc"),
                rs.getString("merchant_country"),
                rs.getString("channel"),
                instant(rs, "event_time"),
                rs.getDouble("score"),
                rs.getString("decision"),
                reasons(rs.getString("reasons")),
                rs.getString("model_version"),
                rs.getString("status"),
                instant(rs, "scored_at"),
                instant(rs, "created_at"),
                rs.getInt("version"),
                disposition(rs));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static AlertView.Disposition disposition(ResultSet rs) throws SQLException {
        String analyst = rs.getString("disposed_by");
        return analyst == null
                ? null
                : new AlertView.Disposition(analyst, rs.getString("disposition_note"), instant(rs, "disposed_at"));
    }

    private List<AlertReason> reasons(String stored) {
        try {
            return json.readValue(stored, REASONS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
