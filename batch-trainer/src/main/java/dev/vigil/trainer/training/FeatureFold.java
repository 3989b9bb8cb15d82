package dev.vigil.trainer.training;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.FeatureVector;
import dev.vigil.features.MerchantRiskTable;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.risk.MerchantRisks;
import dev.vigil.trainer.risk.RiskClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Training features by the scorer's own code path: each card's history folded through
 * {@link CardFeatures#next} from an empty profile in the order the scorer read it, each transaction
 * with the merchant risk the scorer would have read then ({@link MerchantRisks#pointInTime}), the table's
 * records about the card's recent merchants likewise ({@link MerchantRisks#commonPointRecords}), and a
 * transaction id the scorer would have dropped as a retry dropped here too ({@link SeenTransactions}).
 * No feature is computed here.
 */
public final class FeatureFold {

    /** The schema the vectors are computed in (the one the scorer computes), recorded in every exported model. */
    public static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;

    static final StructType VECTORS = new StructType()
            .add("transactionId", DataTypes.StringType, false)
            .add("bankId", DataTypes.StringType, false)
            .add("cardToken", DataTypes.StringType, false)
            .add("merchantId", DataTypes.StringType, false)
            .add("eventTime", DataTypes.TimestampType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    /**
     * The order of a history archived without Kafka coordinates: event time, then arrival, then id,
     * so a replay is deterministic even for equal event times.
     */
    static final Comparator<Transaction> FOLD_ORDER = Comparator.comparing(Transaction::getEventTime)
            .thenComparing(Transaction::getReceivedAt)
            .thenComparing(tx -> tx.getTransactionId().toString());

    /**
     * The scorer's order: a card's records are all on one partition (the token is the key), read by
     * offset. Rows archived before the history kept offsets come first, in {@link #FOLD_ORDER}.
     */
    static final Comparator<Folded> TOPIC_ORDER = Comparator.comparing((Folded f) -> f.offset() != null)
            .thenComparing((a, b) ->
                    a.offset() == null ? FOLD_ORDER.compare(a.tx(), b.tx()) : Long.compare(a.offset(), b.offset()));

    private static final String STREAM_TIME = "streamTime";

    private FeatureFold() {}

    /**
     * One row per transaction of {@code transactions} (history rows) that the scorer would have scored,
     * with its feature vector; merchant risk from {@code transactions} and {@code labels} as of each
     * transaction's reference time on {@code clock}; retries within {@code dedupRetention} dropped.
     */
    public static Dataset<Row> vectors(
            Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock, Duration dedupRetention) {
        int cardColumn = HistoryRows.TRANSACTION.fieldIndex("cardToken");
        // Kafka Streams' stream time: the highest record timestamp (= event time) its task has read on
        // the partition so far, this record included; the dedup store's retention runs on it. Rows without
        // offsets have none: spread by card, so an old history is not sorted in one task for nothing
        Column stream =
                coalesce(col(HistoryRows.KAFKA_PARTITION).cast("string"), concat(lit("card "), col("cardToken")));
        WindowSpec readSoFar = Window.partitionBy(stream)
                .orderBy(HistoryRows.KAFKA_OFFSET)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column streamTime =
                when(col(HistoryRows.KAFKA_OFFSET).isNotNull(), max("eventTime").over(readSoFar));
        MerchantRisks.Changes changes = MerchantRisks.Changes.of(transactions, labels, clock);
        // small (merchants × references where a card was defrauded): every task needs all of it
        Broadcast<Map<String, MerchantRisk>> published = JavaSparkContext.fromSparkContext(
                        transactions.sparkSession().sparkContext())
                .broadcast(MerchantRisks.commonPointRecords(transactions, changes));
        return MerchantRisks.pointInTime(transactions, changes)
                .withColumn(STREAM_TIME, streamTime)
                .groupByKey((MapFunction<Row, String>) row -> row.getString(cardColumn), Encoders.STRING())
                .flatMapGroups(
                        (FlatMapGroupsFunction<String, Row, Row>)
                                (card, rows) -> fold(rows, clock, dedupRetention, published.value()),
                        Encoders.row(VECTORS));
    }

    /**
     * A transaction as the scorer read it: the merchant risk it would have read (null: none), its
     * offset and the stream time then (both null for rows archived without Kafka coordinates).
     */
    record Folded(Transaction tx, MerchantRisk merchantRisk, Long offset, Instant streamTime) {}

    private static Iterator<Row> fold(
            Iterator<Row> rows, RiskClock clock, Duration dedupRetention, Map<String, MerchantRisk> published) {
        int riskColumn = HistoryRows.TRANSACTION.length();
        int offsetColumn = HistoryRows.TRANSACTION.fieldIndex(HistoryRows.KAFKA_OFFSET);
        List<Folded> history = new ArrayList<>();
        rows.forEachRemaining(row -> history.add(new Folded(
                HistoryRows.transaction(row),
                row.isNullAt(riskColumn) ? null : MerchantRisks.computedAtReference(row.getStruct(riskColumn), clock),
                row.isNullAt(offsetColumn) ? null : row.getLong(offsetColumn),
                row.isNullAt(riskColumn + 1) ? null : HistoryRows.instant(row.get(riskColumn + 1)))));
        List<Row> out = new ArrayList<>(history.size());
        for (Step step : fold(history, dedupRetention, tx -> inForce(published, clock, tx))) {
            Transaction tx = step.tx();
            out.add(RowFactory.create(
                    tx.getTransactionId().toString(),
                    tx.getBankId().toString(),
                    tx.getCardToken().toString(),
                    tx.getMerchantId().toString(),
                    tx.getEventTime(),
                    Vectors.dense(step.features().values())));
        }
        return out.iterator();
    }

    /** The merchant-risk table as a run at {@code tx}'s reference time published it, as the scorer looks it up. */
    static MerchantRiskTable inForce(Map<String, MerchantRisk> records, RiskClock clock, Transaction tx) {
        long reference = clock.reference(tx.getEventTime());
        return merchantId -> Topics.ownElseAllBanks(
                tx.getBankId(), scope -> records.get(MerchantRisks.inForceKey(scope, merchantId, reference)));
    }

    /** The merchant-risk table in force for a transaction. */
    @FunctionalInterface
    interface TableAt {
        MerchantRiskTable of(Transaction tx);
    }

    /** A scored transaction of the fold and its features. */
    record Step(Transaction tx, FeatureVector features) {}

    /**
     * One card's history folded in {@link #TOPIC_ORDER}, each transaction with the merchant-risk table
     * {@code tables} says was in force then, a retry dropped as the scorer's dedup drops it;
     * without a stream time (rows archived without offsets) the card's latest event time so far stands in.
     */
    static List<Step> fold(List<Folded> history, Duration dedupRetention, TableAt tables) {
        List<Folded> ordered = new ArrayList<>(history);
        ordered.sort(TOPIC_ORDER);
        SeenTransactions seen = new SeenTransactions(dedupRetention);
        List<Step> steps = new ArrayList<>(ordered.size());
        CardProfile profile = CardProfile.EMPTY;
        Instant latestEvent = Instant.MIN;
        for (Folded entry : ordered) {
            Transaction tx = entry.tx();
            latestEvent = tx.getEventTime().isAfter(latestEvent) ? tx.getEventTime() : latestEvent;
            Instant now = entry.streamTime() != null ? entry.streamTime() : latestEvent;
            if (seen.alreadyScored(tx.getTransactionId().toString(), now)) {
                continue;
            }
            CardFeatures.Step step = CardFeatures.next(profile, tx, entry.merchantRisk(), tables.of(tx));
            profile = step.profile();
            steps.add(new Step(tx, step.features()));
        }
        return steps;
    }
}
