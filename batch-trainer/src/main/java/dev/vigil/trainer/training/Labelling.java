package dev.vigil.trainer.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Joins feature rows to the labels that were known at a cut-off time. */
final class Labelling {

    static final String LABEL = "label";

    private Labelling() {}

    /**
     * {@code vectors} with a {@code label} column: 1.0 when the latest label of the transaction
     * that arrived by {@code knownBy} (inclusive) says FRAUD, else 0.0 (no label known means genuine).
     */
    static Dataset<Row> labelled(Dataset<Row> vectors, Dataset<Row> labels, Instant knownBy) {
        Dataset<Row> known = labels.where(col("labelledAt").leq(lit(knownBy)))
                .groupBy(col("bankId"), col("transactionId"))
                .agg(max_by(col("label"), col("labelledAt")).as("latestLabel"));
        return vectors.join(
                        known,
                        vectors.col("bankId")
                                .equalTo(known.col("bankId"))
                                .and(vectors.col("transactionId").equalTo(known.col("transactionId"))),
                        "left")
                .select(
                        vectors.col("*"),
                        when(col("latestLabel").equalTo("FRAUD"), 1.0)
                                .otherwise(0.0)
                                .as(LABEL));
    }
}
