package dev.vigil.alerts.disposition;

import dev.vigil.alerts.Jdbc;
import dev.vigil.alerts.http.ProblemException;
import dev.vigil.problems.Problem;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Records a decision and its label in one database transaction: the alert's status and version
 * change only if the analyst saw the current version, and the label waits in {@code label_outbox}
 * for the relay. Either both are stored or neither is. Each committed decision is counted in
 * {@code vigil.alerts.dispositions} by verdict; refused ones (404, 409) are not, nor is one whose
 * commit failed.
 */
@ApplicationScoped
class Dispositions {

    static final String DECIDE = "UPDATE alerts SET status = ?, version = version + 1, disposed_by = ?,"
            + " disposition_note = ?, disposed_at = ? WHERE alert_id = ? AND bank_id = ? AND version = ?"
            + " RETURNING bank_id, transaction_id, card_token, event_time, version";
    static final String CURRENT_VERSION = "SELECT version FROM alerts WHERE alert_id = ? AND bank_id = ?";
    static final String HISTORY = "INSERT INTO disposition_history (alert_id, bank_id, version, status, analyst, note,"
            + " decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String HISTORY_OF = "SELECT version, status, analyst, note, decided_at FROM disposition_history"
            + " WHERE alert_id = ? AND bank_id = ? ORDER BY version";
    static final String OUTBOX = "INSERT INTO label_outbox (label_id, bank_id, transaction_id, card_token, label,"
            + " labelled_at, transaction_time, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    static final String DECIDED = "vigil.alerts.dispositions";

    private final AgroalDataSource dataSource;
    private final Map<Disposition, Counter> decided = new EnumMap<>(Disposition.class);

    Dispositions(AgroalDataSource dataSource, MeterRegistry meters) {
        this.dataSource = dataSource;
        // every verdict from the start, so a dashboard's rate() sees the first decision of each
        for (Disposition disposition : Disposition.values()) {
            decided.put(
                    disposition,
                    Counter.builder(DECIDED)
                            .description("Analysts' decisions committed, by verdict")
                            .tag("disposition", disposition.name())
                            .register(meters));
        }
    }

    /**
     * @return the alert's new version
     * @throws ProblemException 404 when the bank has no such alert, 409 when {@code decision.version()} is not the current one
     */
    int decide(String bankId, String alertId, DispositionRequest.Checked decision, Instant now) throws SQLException {
        int version = Jdbc.inTransaction(dataSource, connection -> decide(connection, bankId, alertId, decision, now));
        decided.get(decision.disposition()).increment();
        return version;
    }

    /** The label id is a name-based UUID of the alert and the version the decision created, so it is stable across retries of the relay. */
    static String labelId(String alertId, int version) {
        return UUID.nameUUIDFromBytes((alertId + "#" + version).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static int decide(
            Connection connection, String bankId, String alertId, DispositionRequest.Checked decision, Instant now)
            throws SQLException {
        boolean reopen = decision.disposition().label == null;
        try (PreparedStatement update = connection.prepareStatement(DECIDE)) {
            update.setString(1, decision.disposition().status.name());
            // an open alert carries no disposition; who reopened it, and why, is in the history
            update.setString(2, reopen ? null : decision.analyst());
            update.setString(3, reopen ? null : decision.note());
            update.setObject(4, reopen ? null : now.atOffset(ZoneOffset.UTC));
            update.setString(5, alertId);
            update.setString(6, bankId);
            update.setInt(7, decision.version());
            try (ResultSet decided = update.executeQuery()) {
                if (!decided.next()) {
                    throw refusal(connection, bankId, alertId, decision.version());
                }
                int version = decided.getInt("version");
                try (PreparedStatement history = connection.prepareStatement(HISTORY)) {
                    history.setString(1, alertId);
                    history.setString(2, bankId);
                    history.setInt(3, version);
                    history.setString(4, decision.disposition().status.name());
                    history.setString(5, decision.analyst());
                    history.setString(6, decision.note());
                    history.setObject(7, now.atOffset(ZoneOffset.UTC));
                    history.executeUpdate();
                }
                if (reopen) {
                    return version;
                }
                try (PreparedStatement outbox = connection.prepareStatement(OUTBOX)) {
                    outbox.setString(1, labelId(alertId, version));
                    outbox.setString(2, decided.getString("bank_id"));
                    outbox.setString(3, decided.getString("transaction_id"));
                    outbox.setString(4, decided.getString("card_token"));
                    outbox.setString(5, decision.disposition().label.name());
                    outbox.setObject(6, now.atOffset(ZoneOffset.UTC));
                    outbox.setObject(7, decided.getObject("event_time", OffsetDateTime.class));
                    outbox.setString(8, decision.note());
                    outbox.executeUpdate();
                }
                return version;
            }
        }
    }

    /** Every decision on the bank's alert, oldest first; 404 when the bank has no such alert. */
    List<Decision> history(String bankId, String alertId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (currentVersion(connection, bankId, alertId).isEmpty()) {
                throw ProblemException.notFound("no alert with this id");
            }
            try (PreparedStatement select = connection.prepareStatement(HISTORY_OF)) {
                select.setString(1, alertId);
                select.setString(2, bankId);
                List<Decision> decisions = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        decisions.add(new Decision(
                                rows.getInt("version"),
                                rows.getString("status"),
                                rows.getString("analyst"),
                                rows.getString("note"),
                                rows.getObject("decided_at", OffsetDateTime.class)
                                        .toInstant()));
                    }
                }
                return decisions;
            }
        }
    }

    private static ProblemException refusal(Connection connection, String bankId, String alertId, int staleVersion)
            throws SQLException {
        OptionalInt current = currentVersion(connection, bankId, alertId);
        if (current.isEmpty()) {
            return ProblemException.notFound("no alert with this id");
        }
        return new ProblemException(Problem.of(
                409,
                "Conflict",
                "the alert changed since version " + staleVersion + "; it is now at version " + current.getAsInt()
                        + ": read it again and decide on that"));
    }

    /** The bank's alert's version, or empty when the bank has no such alert. */
    private static OptionalInt currentVersion(Connection connection, String bankId, String alertId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CURRENT_VERSION)) {
            select.setString(1, alertId);
            select.setString(2, bankId);
            try (ResultSet current = select.executeQuery()) {
                return current.next() ? OptionalInt.of(current.getInt("version")) : OptionalInt.empty();
            }
        }
    }
}
