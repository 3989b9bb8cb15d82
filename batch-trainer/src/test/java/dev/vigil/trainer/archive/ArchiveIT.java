package dev.vigil.trainer.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.LocalStack;
import dev.vigil.trainer.Publisher;
import dev.vigil.trainer.TestSpark;
import dev.vigil.trainer.bench.SyntheticHistory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The archive against the real local stack: records in through the registry serde, Parquet out. */
class ArchiveIT {

    static {
        // see GateIT: logging must be initialised before LocalStack.forTests()
        LoggerFactory.getLogger(ArchiveIT.class);
    }

    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
    private final LocalStack stack = LocalStack.forTests();
    private final SparkSession spark = TestSpark.session();

    @TempDir
    Path dir;

    @Test
    void restartFromTheCheckpointNeitherLosesNorDuplicatesRows() throws Exception {
        SyntheticHistory population = new SyntheticHistory(4, 3, START, 3.0, 1.0, 21L);
        List<Transaction> first = population.card(0).transactions();
        List<Transaction> second = population.card(1).transactions();
        List<TransactionLabel> labels = population.card(0).labels();

        try (Publisher<String, Transaction> txs =
                        new Publisher<>(Topics.TRANSACTIONS, stack.kafkaBootstrapServers(), stack.registryUrl());
                Publisher<String, TransactionLabel> lbs = new Publisher<>(
                        Topics.TRANSACTION_LABELS, stack.kafkaBootstrapServers(), stack.registryUrl())) {
            first.forEach(tx -> txs.send(tx.getCardToken().toString(), tx));
            labels.forEach(l -> lbs.send(l.getCardToken().toString(), l));
            txs.flush();
            lbs.flush();
            runToEnd();
            assertThat(archivedIds("transactions")).containsExactlyInAnyOrderElementsOf(ids(first));

            second.forEach(tx -> txs.send(tx.getCardToken().toString(), tx));
            txs.flush();
            runToEnd(); // a restart: a new query on the same checkpoint
        }

        List<String> all = archivedIds("transactions");
        assertThat(all)
                .doesNotHaveDuplicates()
                .hasSize(first.size() + second.size())
                .containsAll(ids(first))
                .containsAll(ids(second));
        assertThat(spark.read()
                        .schema(HistoryRows.LABEL)
                        .parquet(dir.resolve("history/labels").toString())
                        .select("transactionId")
                        .as(org.apache.spark.sql.Encoders.STRING())
                        .collectAsList())
                .containsExactlyInAnyOrderElementsOf(labels.stream()
                        .map(l -> l.getTransactionId().toString())
                        .toList());
        Row one = spark.read()
                .schema(HistoryRows.TRANSACTION)
                .parquet(dir.resolve("history/transactions").toString())
                .where("transactionId = '" + first.get(0).getTransactionId() + "'")
                .first();
        assertThat(HistoryRows.transaction(one)).isEqualTo(first.get(0));
        // each row keeps where it was read, the scorer's order: one (partition, offset) per record
        assertThat(spark.read()
                        .schema(HistoryRows.TRANSACTION)
                        .parquet(dir.resolve("history/transactions").toString())
                        .where(HistoryRows.KAFKA_OFFSET + " IS NOT NULL AND " + HistoryRows.KAFKA_PARTITION
                                + " IS NOT NULL")
                        .select(HistoryRows.KAFKA_PARTITION, HistoryRows.KAFKA_OFFSET)
                        .distinct()
                        .count())
                .isEqualTo(all.size());
    }

    private void runToEnd() throws Exception {
        for (StreamingQuery query : Archive.start(
                spark,
                stack.kafkaBootstrapServers(),
                stack.registryUrl(),
                dir.resolve("history"),
                dir.resolve("checkpoints"),
                Trigger.AvailableNow())) {
            query.awaitTermination();
        }
    }

    private List<String> archivedIds(String table) {
        return spark.read()
                .schema(HistoryRows.TRANSACTION)
                .parquet(dir.resolve("history").resolve(table).toString())
                .select("transactionId")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
    }

    private static List<String> ids(List<Transaction> transactions) {
        return transactions.stream().map(tx -> tx.getTransactionId().toString()).toList();
    }
}
