package dev.vigil.schemas;

import dev.vigil.events.Alert;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import java.util.List;

/**
 * Every topic Vigil uses, defined once. Keys of event topics are the card token, so a card's
 * transactions, alerts and labels stay in order on one partition and the scorer never repartitions.
 */
public final class Topics {

    /** Accepted transactions, keyed by card token. Written by ingest-service, read by the scorer and trainer. */
    public static final Topic<String, Transaction> TRANSACTIONS =
            new Topic<>("transactions", 6, Topic.Cleanup.DELETE, String.class, Transaction.class);

    /** Transactions scored at or above the alert threshold, keyed by card token. Read by alerts-api. */
    public static final Topic<String, Alert> FRAUD_ALERTS =
            new Topic<>("fraud-alerts", 3, Topic.Cleanup.DELETE, String.class, Alert.class);

    /** Ground truth (chargebacks, analyst verdicts), keyed by card token. Read by the trainer. */
    public static final Topic<String, TransactionLabel> TRANSACTION_LABELS =
            new Topic<>("transaction-labels", 3, Topic.Cleanup.DELETE, String.class, TransactionLabel.class);

    /**
     * Records a consumer could not read, with the original key and value bytes untouched and the
     * cause, source topic, partition and offset in headers (see {@link DeadLetterHeaders}).
     */
    public static final Topic<byte[], byte[]> DEAD_LETTERS =
            new Topic<>("dead-letters", 1, Topic.Cleanup.DELETE, byte[].class, byte[].class);

    /** All topics, in the order the stack creates them. */
    public static final List<Topic<?, ?>> ALL = List.of(TRANSACTIONS, FRAUD_ALERTS, TRANSACTION_LABELS, DEAD_LETTERS);

    private Topics() {
    }
}
