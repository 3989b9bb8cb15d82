package dev.vigil.schemas;

import dev.vigil.events.Alert;
import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.events.TransactionScore;
import java.util.List;
import java.util.function.Function;

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

    /**
     * Every scored transaction (score, decision, model version, feature vector), alert or not,
     * keyed by card token. Written by the scorer; read by monitoring, backtests and benchmarks.
     */
    public static final Topic<String, TransactionScore> TRANSACTION_SCORES =
            new Topic<>("transaction-scores", 6, Topic.Cleanup.DELETE, String.class, TransactionScore.class);

    /**
     * The champion model per scope, keyed by {@link ModelBundle#getBankId()} (a bank id, or
     * {@link #ALL_BANKS}). Compacted: the latest bundle per key is the one in force. Written by
     * batch-trainer's gate, read by the scorer as global state.
     */
    public static final Topic<String, ModelBundle> FRAUD_MODELS =
            new Topic<>("fraud-models", 1, Topic.Cleanup.COMPACT, String.class, ModelBundle.class);

    /**
     * Recent fraud rates per merchant, keyed by {@link #merchantRiskKey(String, String)}. Compacted.
     * Written by batch-trainer, read by the scorer as global state.
     */
    public static final Topic<String, MerchantRisk> MERCHANT_RISK =
            new Topic<>("merchant-risk", 3, Topic.Cleanup.COMPACT, String.class, MerchantRisk.class);

    /** All topics, in the order the stack creates them. */
    public static final List<Topic<?, ?>> ALL = List.of(
            TRANSACTIONS,
            FRAUD_ALERTS,
            TRANSACTION_LABELS,
            DEAD_LETTERS,
            TRANSACTION_SCORES,
            FRAUD_MODELS,
            MERCHANT_RISK);

    /** The scope of a model or merchant-risk record that holds for every bank without one of its own. */
    public static final String ALL_BANKS = "*";

    /**
     * How every reader of {@link #FRAUD_MODELS} and {@link #MERCHANT_RISK} picks a value for a bank:
     * the one under the bank's own scope, else the one for {@link #ALL_BANKS}, else {@code null}.
     * One rule, so the Kafka Streams scorer and the Spark job cannot pick differently.
     *
     * @param byScope the value held under a scope (a bank id or {@link #ALL_BANKS}), or {@code null}
     */
    public static <V> V ownElseAllBanks(String bankId, Function<String, V> byScope) {
        V own = byScope.apply(bankId);
        return own != null ? own : byScope.apply(ALL_BANKS);
    }

    /** The key of a merchant-risk record: its scope (a bank id or {@link #ALL_BANKS}) and the merchant. */
    public static String merchantRiskKey(String bankId, String merchantId) {
        return bankId + "|" + merchantId;
    }

    private Topics() {}
}
