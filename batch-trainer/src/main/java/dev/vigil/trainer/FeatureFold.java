package dev.vigil.trainer;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.FeatureSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Training features by the scorer's own code path: each card's history, in event-time order,
 * folded through {@link CardFeatures#next} from an empty profile, each transaction with the merchant
 * risk the scorer would have read then ({@link MerchantRisks#pointInTime}). No feature is computed here.
 */
final class FeatureFold {

    /** The schema the vectors are computed in (the one the scorer computes), recorded in every exported model. */
    static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;

    static final StructType VECTORS = new StructType()
            .add("transactionId", DataTypes.StringType, false)
            .add("bankId", DataTypes.StringType, false)
            .add("cardToken", DataTypes.StringType, false)
            .add("merchantId", DataTypes.StringType, false)
            .add("eventTime", DataTypes.TimestampType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    /**
     * The order a card's transactions are folded in: event time, then arrival, then id, so a
     * replay is deterministic even for equal event times.
     */
    static final Comparator<Transaction> FOLD_ORDER = Comparator.comparing(Transaction::getEventTime)
            .thenComparing(Transaction::getReceivedAt)
            .thenComparing(tx -> tx.getTransactionId().toString());

    private FeatureFold() {
    }

    /**
     * One row per transaction of {@code transactions} (history rows), with its feature vector; merchant
     * risk from {@code transactions} and {@code labels} as of each transaction's reference time on {@code clock}.
     */
    static Dataset<Row> vectors(Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock) {
        int cardColumn = HistoryRows.TRANSACTION.fieldIndex("cardToken");
        return MerchantRisks.pointInTime(transactions, labels, clock)
                .groupByKey((MapFunction<Row, String>) row -> row.getString(cardColumn), Encoders.STRING())
                .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (card, rows) -> fold(rows, clock),
                        Encoders.row(VECTORS));
    }

    /** A transaction and the merchant risk the scorer would have read for it (null: none). */
    private record WithRisk(Transaction tx, MerchantRisk merchantRisk) {
    }

    private static Iterator<Row> fold(Iterator<Row> rows, RiskClock clock) {
        int riskColumn = HistoryRows.TRANSACTION.length();
        List<WithRisk> history = new ArrayList<>();
        rows.forEachRemaining(row -> history.add(new WithRisk(HistoryRows.transaction(row), row.isNullAt(riskColumn)
                ? null : MerchantRisks.computedAtReference(row.getStruct(riskColumn), clock))));
        history.sort(Comparator.comparing(WithRisk::tx, FOLD_ORDER));
        List<Row> out = new ArrayList<>(history.size());
        CardProfile profile = CardProfile.EMPTY;
        for (WithRisk entry : history) {
            Transaction tx = entry.tx();
            CardFeatures.Step step = CardFeatures.next(profile, tx, entry.merchantRisk());
            profile = step.profile();
            out.add(RowFactory.create(tx.getTransactionId().toString(), tx.getBankId().toString(),
                    tx.getCardToken().toString(), tx.getMerchantId().toString(), tx.getEventTime(),
                    Vectors.dense(step.features().values())));
        }
        return out.iterator();
    }
}
