package dev.vigil.trainer.risk;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.vigil.events.MerchantRisk;
import dev.vigil.schemas.Topics;
import dev.vigil.trainer.Publisher;
import dev.vigil.trainer.archive.HistoryRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Merchant risk: per merchant, transactions and fraud rate over 1, 7 and 30 days ending the label
 * delay before a reference time, counting only labels that arrived by the reference time (the latest
 * one of a transaction says whether it is fraud). One value per bank and merchant, and one per merchant
 * across all banks ({@link Topics#ALL_BANKS}); only merchants with transactions in the 30-day window have one.
 *
 * <p>One definition serves both uses: {@link #compute} evaluates it at one reference time for the
 * {@code merchant-risk} topic, {@link #pointInTime} at every transaction's reference time for the
 * training fold. It is evaluated as running sums over the {@link RiskClock}'s intervals: each interval's
 * transactions, and each label's change of a transaction's fraud flag, enter a window's sum at the first
 * reference that sees them and leave it when they fall out of the window.
 */
public final class MerchantRisks {

    /** The column {@link #pointInTime} adds, and {@link #asOf} computes: a merchant's risk (a struct), or null. */
    static final String MERCHANT_RISK = "merchantRisk";

    private static final int[] DAYS = {1, 7, 30};
    private static final String SCOPE = "scope";
    private static final String MERCHANT = "merchantId";
    private static final String REFERENCE = "reference";
    private static final String INTERVAL = "eventInterval";
    private static final String KNOWN = "known";
    private static final String LENGTH = "length";
    private static final String TRANSACTIONS = "transactions";
    private static final String FRAUDS = "frauds";
    private static final String ASKED = "asked";

    private MerchantRisks() {}

    /** The risk of every merchant with transactions in its 30-day window, as of {@code reference}: what is published. */
    public static List<MerchantRisk> compute(
            Dataset<Row> transactions, Dataset<Row> labels, Instant reference, RiskClock clock, Instant computedAt) {
        RiskClock exactly = clock.anchoredAt(reference);
        Dataset<Row> asked =
                scoped(transactions).select(SCOPE, MERCHANT).distinct().withColumn(REFERENCE, lit(0L));
        List<MerchantRisk> risks = new ArrayList<>();
        for (Row row :
                asOf(transactions, labels, exactly, asked).select(MERCHANT_RISK).collectAsList()) {
            risks.add(record(row.getStruct(0), exactly, computedAt));
        }
        return risks;
    }

    /**
     * {@code transactions} (history rows) with a {@link #MERCHANT_RISK} column after theirs: the risk the
     * scorer would have read at the transaction's reference time ({@link RiskClock#reference}), its bank's
     * if there is one, else all banks', else null, as {@code CardScorer} looks it up.
     */
    public static Dataset<Row> pointInTime(Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock) {
        Dataset<Row> referenced = transactions.withColumn(REFERENCE, clock.reference(col("eventTime")));
        Dataset<Row> risks = asOf(
                transactions,
                labels,
                clock,
                scoped(referenced).select(SCOPE, MERCHANT, REFERENCE).distinct());
        Dataset<Row> ownBank = risks.where(col(SCOPE).notEqual(Topics.ALL_BANKS))
                .select(
                        col(SCOPE).as("bankId"),
                        col(MERCHANT),
                        col(REFERENCE),
                        col(MERCHANT_RISK).as("ownBank"));
        Dataset<Row> allBanks = risks.where(col(SCOPE).equalTo(Topics.ALL_BANKS))
                .select(col(MERCHANT), col(REFERENCE), col(MERCHANT_RISK).as("allBanks"));
        Column[] columns = Stream.concat(
                        Arrays.stream(HistoryRows.transactionColumns()),
                        Stream.of(coalesce(col("ownBank"), col("allBanks")).as(MERCHANT_RISK)))
                .toArray(Column[]::new);
        return referenced
                .join(ownBank, new String[] {"bankId", MERCHANT, REFERENCE}, "left")
                .join(allBanks, new String[] {MERCHANT, REFERENCE}, "left")
                .select(columns);
    }

    /** A {@link #MERCHANT_RISK} value as the record the scorer reads. */
    static MerchantRisk record(Row risk, RiskClock clock, Instant computedAt) {
        return MerchantRisk.newBuilder()
                .setBankId(risk.getString(0))
                .setMerchantId(risk.getString(1))
                .setReferenceTime(clock.at(risk.getLong(2)))
                .setLabelDelayDays((int) clock.labelDelay().toDays())
                .setTransactions1d(risk.getLong(3))
                .setFraudRate1d(risk.getDouble(4))
                .setTransactions7d(risk.getLong(5))
                .setFraudRate7d(risk.getDouble(6))
                .setTransactions30d(risk.getLong(7))
                .setFraudRate30d(risk.getDouble(8))
                .setComputedAt(computedAt)
                .build();
    }

    /** A {@link #MERCHANT_RISK} value as the record a run at its reference time would have published. */
    public static MerchantRisk computedAtReference(Row risk, RiskClock clock) {
        return record(risk, clock, clock.at(risk.getLong(2)));
    }

    public static void publish(List<MerchantRisk> risks, Publisher<String, MerchantRisk> publisher) {
        for (MerchantRisk risk : risks) {
            publisher.send(
                    Topics.merchantRiskKey(
                            risk.getBankId().toString(), risk.getMerchantId().toString()),
                    risk);
        }
        publisher.flush();
    }

    /**
     * The risk at each {@code asked} (scope, merchant, reference index) whose 30-day window holds a
     * transaction: columns scope, merchantId, reference and {@link #MERCHANT_RISK}, a struct read by {@link #record}.
     */
    private static Dataset<Row> asOf(
            Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock, Dataset<Row> asked) {
        Column lengths = explode(array(Arrays.stream(DAYS)
                        .mapToObj(days -> lit(clock.intervals(days)))
                        .toArray(Column[]::new)))
                .as(LENGTH);
        return risks(runningSums(changes(contributions(transactions, labels, clock), lengths), asked, lengths), clock);
    }

    /** Per scope, merchant and window length, the sums of the {@code changes} up to each asked reference. */
    private static Dataset<Row> runningSums(Dataset<Row> changes, Dataset<Row> asked, Column lengths) {
        Dataset<Row> questions = asked.select(
                col(SCOPE),
                col(MERCHANT),
                lengths,
                col(REFERENCE),
                lit(0L).as(TRANSACTIONS),
                lit(0.0).as(FRAUDS),
                lit(true).as(ASKED));
        WindowSpec upTo = Window.partitionBy(SCOPE, MERCHANT, LENGTH)
                .orderBy(REFERENCE)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        return changes.unionByName(questions)
                .groupBy(SCOPE, MERCHANT, LENGTH, REFERENCE)
                .agg(
                        sum(TRANSACTIONS).as(TRANSACTIONS),
                        sum(FRAUDS).as(FRAUDS),
                        max(ASKED).as(ASKED))
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(LENGTH),
                        col(REFERENCE),
                        col(ASKED),
                        sum(TRANSACTIONS).over(upTo).as(TRANSACTIONS),
                        sum(FRAUDS).over(upTo).as(FRAUDS))
                .where(col(ASKED));
    }

    /** The running sums of the three window lengths side by side, as counts and rates, where the 30-day window holds any. */
    private static Dataset<Row> risks(Dataset<Row> runningSums, RiskClock clock) {
        List<Column> perWindow = new ArrayList<>();
        List<Column> fields = new ArrayList<>(List.of(col(SCOPE), col(MERCHANT), col(REFERENCE)));
        for (int days : DAYS) {
            Column thisWindow = col(LENGTH).equalTo(clock.intervals(days));
            perWindow.add(sum(when(thisWindow, col(TRANSACTIONS))).as(TRANSACTIONS + days));
            perWindow.add(sum(when(thisWindow, col(FRAUDS))).as(FRAUDS + days));
            fields.add(col(TRANSACTIONS + days));
            fields.add(rate(col(FRAUDS + days), col(TRANSACTIONS + days)));
        }
        return runningSums
                .groupBy(SCOPE, MERCHANT, REFERENCE)
                .agg(perWindow.get(0), perWindow.subList(1, perWindow.size()).toArray(Column[]::new))
                .where(col(TRANSACTIONS + DAYS[DAYS.length - 1]).gt(0))
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(REFERENCE),
                        struct(fields.toArray(Column[]::new)).as(MERCHANT_RISK));
    }

    /**
     * Per scope, merchant and interval of the event ({@link RiskClock#eventInterval}): how many transactions
     * there were, and by how much a label changed the number of frauds among them from the reference
     * it is first known at ({@code known}; a transaction is known from the reference after its interval).
     */
    private static Dataset<Row> contributions(Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock) {
        Dataset<Row> windowed = transactions.select(
                col("bankId"),
                col("transactionId"),
                col(MERCHANT),
                clock.eventInterval(col("eventTime")).as(INTERVAL));
        Dataset<Row> counts = scoped(windowed)
                .groupBy(SCOPE, MERCHANT, INTERVAL)
                .agg(count(lit(1)).as(TRANSACTIONS))
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(INTERVAL),
                        col(INTERVAL).plus(1).as(KNOWN),
                        col(TRANSACTIONS),
                        lit(0.0).as(FRAUDS));
        Dataset<Row> frauds = scoped(
                        fraudChanges(labels, clock).join(windowed, new String[] {"bankId", "transactionId"}))
                .groupBy(SCOPE, MERCHANT, INTERVAL, KNOWN)
                .agg(sum(FRAUDS).as(FRAUDS))
                .select(col(SCOPE), col(MERCHANT), col(INTERVAL), col(KNOWN), lit(0L).as(TRANSACTIONS), col(FRAUDS));
        return counts.unionByName(frauds);
    }

    /**
     * Each label as the change it makes to its transaction's fraud flag (1 when the latest label says
     * FRAUD, else 0), from the first reference that knows it: the flag at a reference is the sum of the
     * changes known by then.
     */
    private static Dataset<Row> fraudChanges(Dataset<Row> labels, RiskClock clock) {
        WindowSpec arrival = Window.partitionBy("bankId", "transactionId").orderBy("labelledAt", "labelId");
        Column fraud = when(col("label").equalTo("FRAUD"), 1.0).otherwise(0.0);
        return labels.select(
                col("bankId"),
                col("transactionId"),
                clock.knownFrom(col("labelledAt")).as(KNOWN),
                fraud.minus(lag(fraud, 1, 0.0).over(arrival)).as(FRAUDS));
    }

    /**
     * For each window length, a contribution enters the running sums at the first reference whose
     * window holds its interval and that knows it, and leaves after the last reference whose window holds it.
     */
    private static Dataset<Row> changes(Dataset<Row> contributions, Column lengths) {
        Column enters = greatest(col(INTERVAL).plus(1), col(KNOWN));
        Column leaves = col(INTERVAL).plus(col(LENGTH)).plus(1);
        return contributions
                .select(col("*"), lengths)
                .where(enters.lt(leaves))
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(LENGTH),
                        explode(array(
                                        struct(enters.as(REFERENCE), col(TRANSACTIONS), col(FRAUDS)),
                                        struct(
                                                leaves.as(REFERENCE),
                                                col(TRANSACTIONS).multiply(-1).as(TRANSACTIONS),
                                                col(FRAUDS).multiply(-1).as(FRAUDS))))
                                .as("change"))
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(LENGTH),
                        col("change.*"),
                        lit(false).as(ASKED));
    }

    /** Each row twice: for its bank ({@code scope} = bankId) and for all banks. */
    private static Dataset<Row> scoped(Dataset<Row> rows) {
        return rows.withColumn(SCOPE, explode(array(col("bankId"), lit(Topics.ALL_BANKS))));
    }

    private static Column rate(Column frauds, Column transactions) {
        return when(transactions.equalTo(0), 0.0).otherwise(frauds.divide(transactions));
    }
}
