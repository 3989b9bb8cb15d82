package dev.vigil.alerts.disposition;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.Topics;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Drains {@code label_outbox} to {@code transaction-labels}: the oldest unsent labels are produced
 * (idempotent producer, {@code acks=all}) and marked sent once the broker acknowledged them. A crash
 * between the decision's commit and the send leaves the row unsent, so the next drain sends it; a
 * crash between the ack and the mark sends it again with the same {@code labelId}, which readers of
 * labels use to drop the repeat. {@link OutboxMetrics} counts what was delivered and what is pending.
 */
final class LabelRelay {

    /** The oldest unsent labels, each row also carrying how many are unsent in all (the window counts before the limit). */
    static final String UNSENT = "SELECT label_id, bank_id, transaction_id, card_token, label, labelled_at,"
            + " transaction_time, note, count(*) OVER () AS unsent FROM label_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?";

    static final String MARK_SENT = "UPDATE label_outbox SET sent_at = now() WHERE label_id = ANY (?)";

    private final DataSource dataSource;
    private final Producer<String, TransactionLabel> producer;
    private final int batchSize;
    private final long sendTimeoutMillis;
    private final OutboxMetrics metrics;

    /** Unsent labels, oldest first, at most a batch of them, and how many are unsent in all. */
    private record Unsent(List<TransactionLabel> labels, long total) {}

    LabelRelay(
            DataSource dataSource,
            Producer<String, TransactionLabel> producer,
            int batchSize,
            long sendTimeoutMillis,
            OutboxMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.producer = producer;
        this.batchSize = batchSize;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /** Sends one batch of unsent labels; @return how many were sent and marked. */
    int drainOnce() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        Unsent batch = unsent();
        metrics.pending(batch.total());
        List<TransactionLabel> unsent = batch.labels();
        if (unsent.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (TransactionLabel label : unsent) {
            acks.add(producer.send(new ProducerRecord<>(
                    Topics.TRANSACTION_LABELS.name(),
                    null,
                    label.getLabelledAt().toEpochMilli(),
                    label.getCardToken(),
                    label)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(sendTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        markSent(unsent.stream().map(TransactionLabel::getLabelId).toList());
        metrics.delivered(unsent.size(), batch.total() - unsent.size());
        return unsent.size();
    }

    private Unsent unsent() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(UNSENT)) {
            select.setInt(1, batchSize);
            List<TransactionLabel> labels = new ArrayList<>();
            long total = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    total = rs.getLong("unsent");
                    OffsetDateTime transactionTime = rs.getObject("transaction_time", OffsetDateTime.class);
                    labels.add(TransactionLabel.newBuilder()
                            .setLabelId(rs.getString("label_id"))
                            .setBankId(rs.getString("bank_id"))
                            .setTransactionId(rs.getString("transaction_id"))
                            .setCardToken(rs.getString("card_token"))
                            .setLabel(Label.valueOf(rs.getString("label")))
                            .setSource(LabelSource.ANALYST)
                            .setLabelledAt(rs.getObject("labelled_at", OffsetDateTime.class)
                                    .toInstant())
                            .setTransactionTime(transactionTime == null ? null : transactionTime.toInstant())
                            .setNote(rs.getString("note"))
                            .build());
                }
            }
            return new Unsent(labels, total);
        }
    }

    private void markSent(List<String> labelIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(MARK_SENT)) {
            Array ids = connection.createArrayOf("text", labelIds.toArray());
            update.setArray(1, ids);
            update.executeUpdate();
        }
    }
}
