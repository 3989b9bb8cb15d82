package dev.vigil.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class FeatureFoldTest {

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private final SparkSession spark = TestSpark.session();

    @Test
    void sparkVectorsEqualTheFeaturesFoldRunDirectlyInJava() {
        SyntheticHistory population = new SyntheticHistory(60, 10, START, 3.0, 0.3, 11L);

        Map<String, double[]> fromSpark = new HashMap<>();
        for (Row row : FeatureFold.vectors(population.transactions(spark)).collectAsList()) {
            fromSpark.put(row.getAs("transactionId"), ((Vector) row.getAs("features")).toArray());
        }

        Map<String, double[]> direct = new HashMap<>();
        int total = 0;
        for (int card = 0; card < population.cards(); card++) {
            List<Transaction> history = new ArrayList<>(population.card(card).transactions());
            total += history.size();
            history.sort(FeatureFold.FOLD_ORDER);
            CardProfile profile = CardProfile.EMPTY;
            for (Transaction tx : history) {
                CardFeatures.Step step = CardFeatures.next(profile, tx);
                profile = step.profile();
                direct.put(tx.getTransactionId().toString(), step.features().values());
            }
        }

        assertThat(fromSpark).hasSize(total);
        assertThat(fromSpark.keySet()).isEqualTo(direct.keySet());
        direct.forEach((id, values) -> assertThat(fromSpark.get(id)).as(id).containsExactly(values));
    }
}
