package dev.vigil.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.archive.HistoryRows;
import dev.vigil.trainer.risk.MerchantRisksTest;
import dev.vigil.trainer.risk.RiskClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training fold reads a history as the scorer read the topic: each card in partition and offset
 * order, a transaction id seen again within the dedup retention (in stream time: the highest event time
 * read on the partition so far) dropped. The expected vectors come from the scorer's loop written out
 * here over the same records ({@code CardScorer.process}: dedup, then {@code CardFeatures.next}).
 */
class TopicOrderFoldTest {

    private static final Instant DAY = Instant.parse("2026-11-23T00:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(1);
    private static final RiskClock NO_RISK_YET = RiskClock.of(Duration.ofDays(7), RiskClock.DAY);
    private final SparkSession spark = TestSpark.session();

    /** A record of partition 0 at {@code offset}. */
    private record Read(long offset, Transaction tx) {}

    @Test
    void foldsLateSameSecondAndRetriedTransactionsAsTheScorerDid() {
        List<Read> topic = List.of(
                read(0, "card-a", "a-1", at(10, 0, 0)),
                read(1, "card-a", "a-2", at(10, 5, 0)),
                read(2, "card-b", "b-1", at(12, 0, 0)), // moves the partition's stream time
                read(3, "card-a", "a-3", at(10, 2, 0)), // late: before a-2
                read(4, "card-a", "a-2", at(10, 5, 0)), // a retry within the retention: dropped
                read(5, "card-a", "a-z", at(12, 30, 0)), // the same instant as the next, read first
                read(6, "card-a", "a-b", at(12, 30, 0)),
                read(7, "card-b", "b-2", at(13, 0, 0).plus(Duration.ofDays(1))),
                read(8, "card-a", "a-1", at(10, 0, 0))); // a retry after the retention passed: scored again
        List<Row> rows = topic.stream()
                .map(r -> HistoryRows.transactionRow(r.tx(), 0, r.offset()))
                .toList();

        Map<String, List<String>> foldedIds = new LinkedHashMap<>();
        Map<String, List<double[]>> folded = new HashMap<>();
        for (Row row : FeatureFold.vectors(
                        spark.createDataFrame(rows, HistoryRows.TRANSACTION),
                        spark.createDataFrame(List.of(), HistoryRows.LABEL),
                        NO_RISK_YET,
                        RETENTION)
                .collectAsList()) {
            String card = row.getAs("cardToken");
            foldedIds.computeIfAbsent(card, c -> new ArrayList<>()).add(row.getAs("transactionId"));
            folded.computeIfAbsent(card, c -> new ArrayList<>()).add(((Vector) row.getAs("features")).toArray());
        }

        Map<String, List<String>> scoredIds = new HashMap<>();
        Map<String, List<double[]>> scored = asTheScorerRead(topic, scoredIds);
        assertThat(foldedIds.get("card-a")).containsExactly("a-1", "a-2", "a-3", "a-z", "a-b", "a-1");
        assertThat(foldedIds.get("card-b")).containsExactly("b-1", "b-2");
        assertThat(foldedIds).isEqualTo(scoredIds);
        for (String card : scored.keySet()) {
            for (int i = 0; i < scored.get(card).size(); i++) {
                assertThat(folded.get(card).get(i))
                        .as("%s record %d", card, i)
                        .containsExactly(scored.get(card).get(i));
            }
        }
        // event-time order would have folded a-3 before a-2 and a-b before a-z: not what the scorer served
        assertThat(folded.get("card-a").get(2)).isNotEqualTo(eventTimeOrderVector(topic, "a-3"));
    }

    @Test
    void readsAHistoryArchivedBeforeOffsetsWereKeptWithoutThem(@TempDir Path dir) {
        Read read = read(0, "card-a", "a-1", at(10, 0, 0));
        Dataset<Row> withOffsets =
                spark.createDataFrame(List.of(HistoryRows.transactionRow(read.tx(), 0, 0L)), HistoryRows.TRANSACTION);
        withOffsets
                .drop(HistoryRows.KAFKA_PARTITION, HistoryRows.KAFKA_OFFSET)
                .write()
                .partitionBy(HistoryRows.EVENT_DATE)
                .parquet(dir.resolve("transactions").toString());

        Row old = spark.read()
                .schema(HistoryRows.TRANSACTION)
                .parquet(dir.resolve("transactions").toString())
                .first();

        assertThat(HistoryRows.transaction(old)).isEqualTo(read.tx());
        assertThat(old.isNullAt(HistoryRows.TRANSACTION.fieldIndex(HistoryRows.KAFKA_OFFSET)))
                .isTrue();
        assertThat(old.isNullAt(HistoryRows.TRANSACTION.fieldIndex(HistoryRows.KAFKA_PARTITION)))
                .isTrue();
    }

    /** The scorer's loop: stream time, the dedup window store's rule, the card's profile. */
    private static Map<String, List<double[]>> asTheScorerRead(List<Read> topic, Map<String, List<String>> ids) {
        Map<String, CardProfile> profiles = new HashMap<>();
        Map<String, Long> stamps = new HashMap<>();
        Map<String, List<double[]>> vectors = new HashMap<>();
        long streamTime = Long.MIN_VALUE;
        for (Read read : topic) {
            Transaction tx = read.tx();
            String card = tx.getCardToken().toString();
            streamTime = Math.max(streamTime, tx.getEventTime().toEpochMilli());
            String key = card + "/" + tx.getTransactionId();
            Long stamp = stamps.get(key);
            if (stamp != null && stamp >= streamTime - RETENTION.toMillis()) {
                continue;
            }
            stamps.put(key, streamTime);
            CardFeatures.Step step =
                    CardFeatures.next(profiles.getOrDefault(card, CardProfile.EMPTY), tx, null, anyMerchant -> null);
            profiles.put(card, step.profile());
            vectors.computeIfAbsent(card, c -> new ArrayList<>())
                    .add(step.features().values());
            ids.computeIfAbsent(card, c -> new ArrayList<>())
                    .add(tx.getTransactionId().toString());
        }
        return vectors;
    }

    private static double[] eventTimeOrderVector(List<Read> topic, String id) {
        List<Transaction> card = new ArrayList<>(topic.stream()
                .map(Read::tx)
                .filter(tx -> tx.getCardToken().toString().equals("card-a"))
                .distinct()
                .toList());
        card.sort(FeatureFold.FOLD_ORDER);
        CardProfile profile = CardProfile.EMPTY;
        for (Transaction tx : card) {
            CardFeatures.Step step = CardFeatures.next(profile, tx, null, anyMerchant -> null);
            if (tx.getTransactionId().toString().equals(id)) {
                return step.features().values();
            }
            profile = step.profile();
        }
        throw new IllegalArgumentException(id);
    }

    private static Instant at(int hour, int minute, int second) {
        return DAY.plus(Duration.ofHours(hour).plusMinutes(minute).plusSeconds(second));
    }

    private static Read read(long offset, String card, String id, Instant eventTime) {
        Row base = MerchantRisksTest.tx(id, "bank-a", "m-1", eventTime);
        Transaction tx = Transaction.newBuilder(HistoryRows.transaction(base))
                .setCardToken(card)
                .build();
        return new Read(offset, tx);
    }
}
