package dev.vigil.ingest.transaction;

import dev.vigil.ingest.kafka.EventLogUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The transaction ids each bank sent, durably, with the hash of their tokenised content: a reused
 * id with other content is refused after any restart, and a label must name one of them.
 *
 * <p>Why a PostgreSQL table and not a compacted topic read at start: a row is claimed with one
 * unique-key insert (about a millisecond here) that every ingest instance sees at once, so two
 * instances can never both accept one id with different contents, and nothing has to be read back
 * at start or held in memory. The claim is written before the record is produced and marked
 * acknowledged after Kafka's ack; a crash in between leaves it unacknowledged, so a retry with the
 * same content produces again (the scorer drops the copy) and one with other content is refused,
 * because the first may have landed.
 *
 * <p>Both statements take their locks in one order, the ids sorted, whatever order the requests named
 * them in: two instances claiming or acknowledging overlapping ids at once then wait for each other
 * instead of deadlocking (PostgreSQL would abort one of them).
 */
@Singleton
public class SentTransactions {

    private static final Logger LOG = Logger.getLogger(SentTransactions.class);

    /** What was known of an id before this claim. */
    enum Known {
        /** Nothing: it is this claim's now. */
        NEW,
        /** The same content, acknowledged by Kafka: a retry, answered without producing. */
        SENT,
        /** The same content, never acknowledged (a crash or a 503): produced again. */
        UNCONFIRMED,
        /** Other content under this id. */
        CONFLICT
    }

    /** One transaction to claim; the card token, never the card number. */
    record Claim(String transactionId, String contentHash, String cardToken, String eventTime) {}

    private static final String CLAIM = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS i(transaction_id, content_hash, card_token, event_time, n)),
            inserted AS (
                INSERT INTO ingest.sent_transactions (bank_id, transaction_id, content_hash, card_token, event_time)
                SELECT ?, transaction_id, content_hash, card_token, event_time::timestamptz FROM input
                ORDER BY transaction_id
                ON CONFLICT (bank_id, transaction_id) DO NOTHING
                RETURNING transaction_id)
            SELECT i.n, ins.transaction_id IS NOT NULL, s.content_hash, s.acknowledged
            FROM input i
            LEFT JOIN inserted ins ON ins.transaction_id = i.transaction_id
            LEFT JOIN ingest.sent_transactions s ON s.bank_id = ? AND s.transaction_id = i.transaction_id
            ORDER BY i.n""";
    private static final String FIND = """
            SELECT content_hash, acknowledged, card_token FROM ingest.sent_transactions
            WHERE bank_id = ? AND transaction_id = ?""";
    private static final String ACKNOWLEDGED = """
            WITH locked AS (
                SELECT s.bank_id, s.transaction_id FROM ingest.sent_transactions s
                JOIN unnest(?::text[], ?::text[]) AS a(bank_id, transaction_id)
                    ON s.bank_id = a.bank_id AND s.transaction_id = a.transaction_id
                WHERE NOT s.acknowledged
                ORDER BY s.bank_id, s.transaction_id
                FOR UPDATE OF s)
            UPDATE ingest.sent_transactions s SET acknowledged = true
            FROM locked l
            WHERE s.bank_id = l.bank_id AND s.transaction_id = l.transaction_id""";

    private final DataSource dataSource;
    private final GroupCommit<Acknowledged> acknowledgements;

    SentTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
        this.acknowledgements = new GroupCommit<>("vigil-ingest-acknowledgements", this::markAcknowledged);
    }

    /** One transaction Kafka acknowledged. */
    record Acknowledged(String bankId, String transactionId) {}

    /** Claims the ids of {@code claims} for {@code bankId}; one answer per claim, in order. */
    List<Known> claim(String bankId, List<Claim> claims) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setArray(
                    1,
                    texts(connection, claims.stream().map(Claim::transactionId).toList()));
            statement.setArray(
                    2, texts(connection, claims.stream().map(Claim::contentHash).toList()));
            statement.setArray(
                    3, texts(connection, claims.stream().map(Claim::cardToken).toList()));
            statement.setArray(
                    4, texts(connection, claims.stream().map(Claim::eventTime).toList()));
            statement.setString(5, bankId);
            statement.setString(6, bankId);
            Known[] known = new Known[claims.size()];
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int i = rows.getInt(1) - 1;
                    String hash = rows.getString(3);
                    known[i] = rows.getBoolean(2)
                            ? Known.NEW
                            : hash == null
                                    ? null // claimed by a concurrent statement committed after ours began
                                    : compare(claims.get(i), hash, rows.getBoolean(4));
                }
            }
            for (int i = 0; i < known.length; i++) {
                if (known[i] == null) {
                    known[i] = find(connection, bankId, claims.get(i));
                }
            }
            return Arrays.asList(known);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Kafka acknowledged these: a retry of them, on any instance, is answered without producing.
     * Returns once they are marked, in one statement shared with the acknowledgements of the requests
     * in flight beside this one, so a request costs the store about one statement (its claim) and
     * not two; a failure is logged, not thrown.
     */
    void acknowledged(String bankId, List<String> transactionIds) {
        if (transactionIds.isEmpty()) {
            return;
        }
        acknowledgements.submitAndWait(
                transactionIds.stream().map(id -> new Acknowledged(bankId, id)).toList());
    }

    @PreDestroy
    void close() {
        acknowledgements.close();
    }

    private void markAcknowledged(List<Acknowledged> acknowledged) {
        try (Connection connection = dataSource.getConnection()) {
            markAcknowledged(connection, acknowledged);
        } catch (SQLException e) {
            // the records are in Kafka: the client gets its 202, and a retry would only produce a copy the scorer drops
            LOG.warnf(
                    "could not mark acknowledged transactions: %s (SQLState %s)",
                    e.getClass().getName(), e.getSQLState());
        }
    }

    /** One statement marking {@code acknowledged}; returns how many rows it changed. */
    static int markAcknowledged(Connection connection, List<Acknowledged> acknowledged) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(ACKNOWLEDGED)) {
            statement.setArray(
                    1,
                    texts(
                            connection,
                            acknowledged.stream().map(Acknowledged::bankId).toList()));
            statement.setArray(
                    2,
                    texts(
                            connection,
                            acknowledged.stream()
                                    .map(Acknowledged::transactionId)
                                    .toList()));
            return statement.executeUpdate();
        }
    }

    /** The card token of a transaction the bank sent, if it sent one with this id. */
    public Optional<String> cardTokenOf(String bankId, String transactionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, bankId);
            statement.setString(2, transactionId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getString(3)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static Known find(Connection connection, String bankId, Claim claim) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, bankId);
            statement.setString(2, claim.transactionId());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("a claimed transaction id is neither inserted nor found");
                }
                return compare(claim, row.getString(1), row.getBoolean(2));
            }
        }
    }

    private static Known compare(Claim claim, String storedHash, boolean acknowledged) {
        if (!storedHash.equals(claim.contentHash())) {
            return Known.CONFLICT;
        }
        return acknowledged ? Known.SENT : Known.UNCONFIRMED;
    }

    private static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", new ArrayList<>(values).toArray(String[]::new));
    }

    private static EventLogUnavailableException unavailable(SQLException e) {
        LOG.warnf(
                "the sent-transactions store failed: %s (SQLState %s)",
                e.getClass().getName(), e.getSQLState());
        return new EventLogUnavailableException("the transaction store is not available");
    }
}
