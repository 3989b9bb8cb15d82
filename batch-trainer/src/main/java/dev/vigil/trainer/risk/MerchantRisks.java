package dev.vigil.trainer.risk;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Beside the fraud rate, the common point of purchase ({@link #commonPoints}): of the distinct cards that
 * bought at the merchant in the 30 days before the reference, how many were defrauded afterwards, anywhere.
 * A breached shop's own transactions are genuine; what gives it away is the fate of its cards. And the event
 * time of the earliest fraud the 30-day window counts ({@link #earliestFrauds}): how long the merchant has
 * been defrauded, which tells a compromise still running from one that has ended.
 */
public final class MerchantRisks {

    /** The column {@link #pointInTime} adds, and {@link #asOf} computes: a merchant's risk (a struct), or null. */
    static final String MERCHANT_RISK = "merchantRisk";

    private static final int[] DAYS = {1, 7, 30};
    /** The common point's window: a breach leaks cards for days, and they are used for weeks after. */
    private static final int COMMON_POINT_DAYS = 30;
    /**
     * Cards added to the denominator of the common-point score, none of them defrauded: one fraud among
     * two cards scores 1/12, about the share of cards any month's fraud reaches, not 1/2.
     */
    static final int COMMON_POINT_PRIOR_CARDS = 10;

    private static final String CARD = "cardToken";
    private static final String CARDS = "commonPointCards";
    private static final String DEFRAUDED = "commonPointDefraudedCards";
    private static final String SCOPE = "scope";
    private static final String MERCHANT = "merchantId";
    private static final String REFERENCE = "reference";
    private static final String INTERVAL = "eventInterval";
    private static final String KNOWN = "known";
    private static final String LENGTH = "length";
    private static final String TRANSACTIONS = "transactions";
    private static final String FRAUDS = "frauds";
    private static final String ASKED = "asked";
    private static final String EARLIEST_FRAUD = "earliestFraudTime";
    private static final String FROM = "from";
    private static final String UNTIL = "until";
    /** A transaction's labels in the order they arrived. */
    private static final WindowSpec ARRIVAL =
            Window.partitionBy("bankId", "transactionId").orderBy("labelledAt", "labelId");

    private MerchantRisks() {}

    /** The risk of every merchant with transactions in its 30-day window, as of {@code reference}: what is published. */
    public static List<MerchantRisk> compute(
            Dataset<Row> transactions, Dataset<Row> labels, Instant reference, RiskClock clock, Instant computedAt) {
        RiskClock exactly = clock.anchoredAt(reference);
        Dataset<Row> asked =
                scoped(transactions).select(SCOPE, MERCHANT).distinct().withColumn(REFERENCE, lit(0L));
        List<MerchantRisk> risks = new ArrayList<>();
        for (Row row : asOf(Changes.of(transactions, labels, exactly), asked)
                .select(MERCHANT_RISK)
                .collectAsList()) {
            risks.add(record(row.getStruct(0), exactly, computedAt));
        }
        return risks;
    }

    /**
     * The keys ({@link Topics#merchantRiskKey}) of the records a run at {@code reference} ends: merchants with a
     * transaction in the 30 days before their 30-day window and none in it, which {@link #compute} has no risk
     * for. Published as tombstones, so that the scorer's table forgets them as the training fold's point-in-time
     * view does (a merchant back after a month's pause would otherwise be scored with its old record). Runs
     * further apart than 30 days leave older records in place.
     */
    public static List<String> ended(Dataset<Row> transactions, Instant reference, RiskClock clock) {
        RiskClock exactly = clock.anchoredAt(reference);
        long window = exactly.intervals(DAYS[DAYS.length - 1]);
        List<String> keys = new ArrayList<>();
        for (Row row : scoped(transactions.select(
                        col("bankId"),
                        col(MERCHANT),
                        exactly.eventInterval(col("eventTime")).as(INTERVAL)))
                .where(col(INTERVAL).geq(-2 * window).and(col(INTERVAL).lt(0)))
                .groupBy(SCOPE, MERCHANT)
                .agg(max(INTERVAL).as("latest"))
                .where(col("latest").lt(-window))
                .select(SCOPE, MERCHANT)
                .collectAsList()) {
            keys.add(Topics.merchantRiskKey(row.getString(0), row.getString(1)));
        }
        return keys;
    }

    /**
     * {@code transactions} (history rows) with a {@link #MERCHANT_RISK} column after theirs: the risk the
     * scorer would have read at the transaction's reference time ({@link RiskClock#reference}), its bank's
     * if there is one, else all banks', else null, as {@code CardScorer} looks it up; {@code changes} are those of
     * {@code transactions}' history ({@link Changes#of}).
     */
    public static Dataset<Row> pointInTime(Dataset<Row> transactions, Changes changes) {
        Dataset<Row> referenced = transactions.withColumn(REFERENCE, changes.clock.reference(col("eventTime")));
        String[] key = {"bankId", MERCHANT, REFERENCE};
        Dataset<Row> keys = referenced.select("bankId", MERCHANT, REFERENCE).distinct();
        Dataset<Row> risks =
                asOf(changes, scoped(keys).select(SCOPE, MERCHANT, REFERENCE).distinct());
        Dataset<Row> ownBank = risks.where(col(SCOPE).notEqual(Topics.ALL_BANKS))
                .select(
                        col(SCOPE).as("bankId"),
                        col(MERCHANT),
                        col(REFERENCE),
                        col(MERCHANT_RISK).as("ownBank"));
        Dataset<Row> allBanks = risks.where(col(SCOPE).equalTo(Topics.ALL_BANKS))
                .select(col(MERCHANT), col(REFERENCE), col(MERCHANT_RISK).as("allBanks"));
        // the lookup is settled on the small table of keys, so that the history is joined (shuffled) once
        Dataset<Row> inForce = keys.join(ownBank, key, "left")
                .join(allBanks, new String[] {MERCHANT, REFERENCE}, "left")
                .select(
                        col("bankId"),
                        col(MERCHANT),
                        col(REFERENCE),
                        coalesce(col("ownBank"), col("allBanks")).as(MERCHANT_RISK));
        Column[] columns = Stream.concat(Arrays.stream(HistoryRows.transactionColumns()), Stream.of(col(MERCHANT_RISK)))
                .toArray(Column[]::new);
        return referenced.join(inForce, key, "left").select(columns);
    }

    /**
     * The records a run at each reference from the first transaction's to the last's would have published, for
     * the training fold to answer what the merchant-risk table said then about a card's recent merchants: keyed
     * by {@link #inForceKey}, kept where the all-banks record counts a defrauded card (elsewhere every record's
     * common-point score is 0, which is what a missing record reads as).
     */
    public static Map<String, MerchantRisk> commonPointRecords(Dataset<Row> transactions, Changes changes) {
        RiskClock clock = changes.clock;
        Row span = transactions
                .agg(min(clock.reference(col("eventTime"))), max(clock.reference(col("eventTime"))))
                .first();
        Map<String, MerchantRisk> records = new HashMap<>();
        if (span.isNullAt(0)) {
            return records;
        }
        Dataset<Row> references = transactions
                .sparkSession()
                .range(span.getLong(0), span.getLong(1) + 1)
                .select(col("id").as(REFERENCE));
        // the common point alone tells where the all-banks record counts a defrauded card: only there are the
        // risks of every scope asked (a record exists where the 30-day window holds a transaction of its scope,
        // so where one of a bank does, the all-banks one does too)
        Dataset<Row> scopes = changes.commonPoints.select(SCOPE, MERCHANT).distinct();
        Dataset<Row> flagged = commonPoints(
                        changes,
                        scopes.where(col(SCOPE).equalTo(Topics.ALL_BANKS)).crossJoin(references))
                .where(col(DEFRAUDED).gt(0))
                .select(MERCHANT, REFERENCE);
        for (Row row : asOf(changes, scopes.join(flagged, MERCHANT)).collectAsList()) {
            MerchantRisk risk = computedAtReference(row.getStruct(row.fieldIndex(MERCHANT_RISK)), clock);
            records.put(
                    inForceKey(
                            row.getString(row.fieldIndex(SCOPE)),
                            row.getString(row.fieldIndex(MERCHANT)),
                            row.getLong(row.fieldIndex(REFERENCE))),
                    risk);
        }
        return records;
    }

    /** The key of {@link #commonPointRecords}: a merchant-risk key and the reference's index. */
    public static String inForceKey(String scope, String merchantId, long reference) {
        return Topics.merchantRiskKey(scope, merchantId) + "@" + reference;
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
                .setCommonPointCards(risk.getLong(9))
                .setCommonPointDefraudedCards(risk.getLong(10))
                .setCommonPointScore(risk.getDouble(11))
                .setComputedAt(computedAt)
                .setEarliestFraudTime(risk.isNullAt(12) ? null : HistoryRows.instant(risk.get(12)))
                .build();
    }

    /** A {@link #MERCHANT_RISK} value as the record a run at its reference time would have published. */
    public static MerchantRisk computedAtReference(Row risk, RiskClock clock) {
        return record(risk, clock, clock.at(risk.getLong(2)));
    }

    /** The risks, then a tombstone for each {@link #ended} key. */
    public static void publish(
            List<MerchantRisk> risks, List<String> ended, Publisher<String, MerchantRisk> publisher) {
        for (MerchantRisk risk : risks) {
            publisher.send(
                    Topics.merchantRiskKey(
                            risk.getBankId().toString(), risk.getMerchantId().toString()),
                    risk);
        }
        for (String key : ended) {
            publisher.send(key, null);
        }
        publisher.flush();
    }

    /**
     * What the risks of a history are summed from, on one clock: per scope, merchant (and window length) and
     * reference, by how much the sums change there; the fraud rates' ({@link #contributions}) and the common
     * point's ({@link #commonPointChanges}). Computed once and kept (a few rows per merchant and reference),
     * so that every question asked of them ({@link #pointInTime}, {@link #commonPointRecords}) reads the history
     * once rather than once per question.
     */
    public static final class Changes {
        private final RiskClock clock;
        private final Dataset<Row> windows;
        private final Dataset<Row> commonPoints;
        private final Dataset<Row> fraudSpells;

        private Changes(RiskClock clock, Dataset<Row> windows, Dataset<Row> commonPoints, Dataset<Row> fraudSpells) {
            this.clock = clock;
            this.windows = windows;
            this.commonPoints = commonPoints;
            this.fraudSpells = fraudSpells;
        }

        /** The changes of {@code transactions} (history rows) and their {@code labels} on {@code clock}. */
        public static Changes of(Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock) {
            return new Changes(
                    clock,
                    kept(changes(contributions(transactions, labels, clock), lengths(clock)), SCOPE, MERCHANT, LENGTH),
                    kept(commonPointChanges(transactions, labels, clock), SCOPE, MERCHANT),
                    fraudSpells(transactions, labels, clock).localCheckpoint());
        }

        /**
         * Summed per keys and reference (the sums are of whole numbers, exact in any order) and computed now: a
         * local checkpoint, released when no longer referenced (unlike a cached Dataset, which a scheduled run
         * would have to unpersist); on a cluster, losing the executor that holds it fails the run, which the
         * schedule reports and runs again at the next interval.
         */
        private static Dataset<Row> kept(Dataset<Row> changes, String... keys) {
            return changes.groupBy(Stream.concat(Arrays.stream(keys), Stream.of(REFERENCE))
                            .map(key -> col(key))
                            .toArray(Column[]::new))
                    .agg(sum(TRANSACTIONS).as(TRANSACTIONS), sum(FRAUDS).as(FRAUDS))
                    .withColumn(ASKED, lit(false))
                    .localCheckpoint();
        }
    }

    /**
     * The risk at each {@code asked} (scope, merchant, reference index) whose 30-day window holds a
     * transaction: columns scope, merchantId, reference and {@link #MERCHANT_RISK}, a struct read by {@link #record}.
     */
    private static Dataset<Row> asOf(Changes changes, Dataset<Row> asked) {
        return risks(
                runningSums(changes.windows, asked, lengths(changes.clock)),
                commonPoints(changes, asked),
                earliestFrauds(changes, asked),
                changes.clock);
    }

    /** The window lengths in intervals, one row each. */
    private static Column lengths(RiskClock clock) {
        return explode(array(Arrays.stream(DAYS)
                        .mapToObj(days -> lit(clock.intervals(days)))
                        .toArray(Column[]::new)))
                .as(LENGTH);
    }

    /** Per scope, merchant and window length, the sums of the {@code changes} up to each asked reference. */
    private static Dataset<Row> runningSums(Dataset<Row> changes, Dataset<Row> asked, Column lengths) {
        return runningSums(
                changes, asked.select(col(SCOPE), col(MERCHANT), lengths, col(REFERENCE)), SCOPE, MERCHANT, LENGTH);
    }

    /**
     * Per {@code keys}, the sums of the {@code changes} (columns keys, reference, transactions, frauds, asked)
     * up to each reference of {@code questions} (columns keys, reference).
     */
    private static Dataset<Row> runningSums(Dataset<Row> changes, Dataset<Row> questions, String... keys) {
        Dataset<Row> asked = questions.select(
                col("*"),
                lit(0L).as(TRANSACTIONS),
                lit(0.0).as(FRAUDS),
                lit(true).as(ASKED));
        String[] grouped =
                Stream.concat(Arrays.stream(keys), Stream.of(REFERENCE)).toArray(String[]::new);
        WindowSpec upTo = Window.partitionBy(
                        Arrays.stream(keys).map(key -> col(key)).toArray(Column[]::new))
                .orderBy(REFERENCE)
                .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column[] out = Stream.concat(
                        Arrays.stream(grouped).map(key -> col(key)),
                        Stream.of(
                                col(ASKED),
                                sum(TRANSACTIONS).over(upTo).as(TRANSACTIONS),
                                sum(FRAUDS).over(upTo).as(FRAUDS)))
                .toArray(Column[]::new);
        return changes.unionByName(asked)
                .groupBy(Arrays.stream(grouped).map(key -> col(key)).toArray(Column[]::new))
                .agg(
                        sum(TRANSACTIONS).as(TRANSACTIONS),
                        sum(FRAUDS).as(FRAUDS),
                        max(ASKED).as(ASKED))
                .select(out)
                .where(col(ASKED));
    }

    /**
     * The common point of purchase at each {@code asked} (scope, merchant, reference): columns scope, merchantId,
     * reference, {@code commonPointCards} (distinct cards that bought there in the 30 days before the reference)
     * and {@code commonPointDefraudedCards} (those with a fraud after their first purchase there, by a FRAUD label
     * that arrived by the reference; a later label saying otherwise is not taken back). The window ends at the
     * reference itself, not the label delay before it: the labels are those known then either way, and a breach
     * must be seen while its cards are still being used.
     *
     * <p>A card is in a reference's window from the reference after its purchase for {@value #COMMON_POINT_DAYS}
     * days; purchases less than that apart make one stretch, which enters the running sums once and leaves once,
     * so each card counts once however often it bought there.
     */
    private static Dataset<Row> commonPoints(Changes changes, Dataset<Row> asked) {
        return runningSums(
                        changes.commonPoints,
                        asked.select(SCOPE, MERCHANT, REFERENCE).distinct(),
                        SCOPE,
                        MERCHANT)
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(REFERENCE),
                        col(TRANSACTIONS).as(CARDS),
                        col(FRAUDS).cast("long").as(DEFRAUDED));
    }

    /**
     * The changes {@link #commonPoints} sums: per scope and merchant, a card's stretch of purchases enters the
     * cards at the reference after its first purchase and leaves {@value #COMMON_POINT_DAYS} days after its
     * last; it counts as defrauded from the reference that knows its fraud until it leaves.
     */
    private static Dataset<Row> commonPointChanges(Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock) {
        RiskClock atReference = clock.withoutLabelDelay();
        long window = atReference.intervals(COMMON_POINT_DAYS);
        Dataset<Row> visits = scoped(transactions.select(
                        col("bankId"),
                        col(CARD),
                        col(MERCHANT),
                        col("eventTime"),
                        atReference.eventInterval(col("eventTime")).as(INTERVAL)))
                .groupBy(SCOPE, MERCHANT, CARD, INTERVAL)
                .agg(min("eventTime").as("firstAt"));
        WindowSpec byCard = Window.partitionBy(SCOPE, MERCHANT, CARD).orderBy(INTERVAL);
        Column startsStretch =
                coalesce(col(INTERVAL).minus(lag(col(INTERVAL), 1).over(byCard)).gt(window), lit(true));
        Dataset<Row> stretches = visits.withColumn(
                        "starts", when(startsStretch, 1).otherwise(0))
                .withColumn(
                        "stretch",
                        sum("starts").over(byCard.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
                .withColumn("firstAt", min("firstAt").over(Window.partitionBy(SCOPE, MERCHANT, CARD)))
                .groupBy(SCOPE, MERCHANT, CARD, "stretch")
                .agg(
                        min(INTERVAL).plus(1).as("enters"),
                        max(INTERVAL).plus(window + 1).as("leaves"),
                        min("firstAt").as("firstAt"));
        Dataset<Row> frauds = labels.where(col("label").equalTo("FRAUD"))
                .groupBy("bankId", "transactionId")
                .agg(min("labelledAt").as("labelledAt"))
                .join(
                        transactions.select("bankId", "transactionId", CARD, "eventTime"),
                        new String[] {"bankId", "transactionId"})
                .select(
                        col(CARD),
                        col("eventTime").as("fraudAt"),
                        clock.knownFrom(col("labelledAt")).as(KNOWN));
        Dataset<Row> known = stretches
                .join(frauds, new String[] {CARD}, "left")
                .groupBy(SCOPE, MERCHANT, CARD, "stretch", "enters", "leaves")
                .agg(min(when(col("fraudAt").gt(col("firstAt")), col(KNOWN))).as(KNOWN));
        Column defraudedFrom = greatest(col("enters"), col(KNOWN));
        Column defrauded = when(col(KNOWN).isNotNull().and(defraudedFrom.lt(col("leaves"))), 1.0)
                .otherwise(0.0);
        return known.select(
                        col(SCOPE),
                        col(MERCHANT),
                        explode(array(
                                        struct(
                                                col("enters").as(REFERENCE),
                                                lit(1L).as(TRANSACTIONS),
                                                lit(0.0).as(FRAUDS)),
                                        struct(
                                                col("leaves").as(REFERENCE),
                                                lit(-1L).as(TRANSACTIONS),
                                                lit(0.0).as(FRAUDS)),
                                        struct(
                                                coalesce(defraudedFrom, col("enters"))
                                                        .as(REFERENCE),
                                                lit(0L).as(TRANSACTIONS),
                                                defrauded.as(FRAUDS)),
                                        struct(
                                                col("leaves").as(REFERENCE),
                                                lit(0L).as(TRANSACTIONS),
                                                defrauded.multiply(-1).as(FRAUDS))))
                                .as("change"))
                .select(col(SCOPE), col(MERCHANT), col("change.*"));
    }

    /**
     * The running sums of the three window lengths side by side, as counts and rates, where the 30-day window
     * holds any, with the merchant's common point of purchase.
     */
    private static Dataset<Row> risks(
            Dataset<Row> runningSums, Dataset<Row> commonPoints, Dataset<Row> earliestFrauds, RiskClock clock) {
        List<Column> perWindow = new ArrayList<>();
        List<Column> fields = new ArrayList<>(List.of(col(SCOPE), col(MERCHANT), col(REFERENCE)));
        for (int days : DAYS) {
            Column thisWindow = col(LENGTH).equalTo(clock.intervals(days));
            perWindow.add(sum(when(thisWindow, col(TRANSACTIONS))).as(TRANSACTIONS + days));
            perWindow.add(sum(when(thisWindow, col(FRAUDS))).as(FRAUDS + days));
            fields.add(col(TRANSACTIONS + days));
            fields.add(rate(col(FRAUDS + days), col(TRANSACTIONS + days)));
        }
        Column cards = coalesce(col(CARDS), lit(0L));
        Column defrauded = coalesce(col(DEFRAUDED), lit(0L));
        fields.add(cards.as(CARDS));
        fields.add(defrauded.as(DEFRAUDED));
        fields.add(defrauded.divide(cards.plus(COMMON_POINT_PRIOR_CARDS)).as("commonPointScore"));
        fields.add(col(EARLIEST_FRAUD));
        return runningSums
                .groupBy(SCOPE, MERCHANT, REFERENCE)
                .agg(perWindow.get(0), perWindow.subList(1, perWindow.size()).toArray(Column[]::new))
                .where(col(TRANSACTIONS + DAYS[DAYS.length - 1]).gt(0))
                .join(commonPoints, new String[] {SCOPE, MERCHANT, REFERENCE}, "left")
                .join(earliestFrauds, new String[] {SCOPE, MERCHANT, REFERENCE}, "left")
                .select(
                        col(SCOPE),
                        col(MERCHANT),
                        col(REFERENCE),
                        struct(fields.toArray(Column[]::new)).as(MERCHANT_RISK));
    }

    /**
     * The earliest fraud at each {@code asked} (scope, merchant, reference) whose 30-day window counts one:
     * columns scope, merchantId, reference and the fraud's event time ({@value #EARLIEST_FRAUD}).
     */
    private static Dataset<Row> earliestFrauds(Changes changes, Dataset<Row> asked) {
        Dataset<Row> spells = changes.fraudSpells;
        Column counted = col(REFERENCE).geq(col(FROM)).and(col(REFERENCE).lt(col(UNTIL)));
        return asked.select(SCOPE, MERCHANT, REFERENCE)
                .distinct()
                .join(spells, new String[] {SCOPE, MERCHANT})
                .where(counted)
                .groupBy(SCOPE, MERCHANT, REFERENCE)
                .agg(min("eventTime").as(EARLIEST_FRAUD));
    }

    /**
     * Per scope, merchant and fraud, the references whose 30-day window counts it as fraud: {@code from}
     * the first that both holds its interval and knows a FRAUD label, {@code until} the first that no longer
     * holds it or knows a later label saying otherwise (as the running sums count it), with its event time.
     */
    private static Dataset<Row> fraudSpells(Dataset<Row> transactions, Dataset<Row> labels, RiskClock clock) {
        Dataset<Row> flips = fraudChanges(labels, clock).where(col(FRAUDS).notEqual(0.0));
        Dataset<Row> flagged = flips.withColumn(UNTIL, lead(col(KNOWN), 1).over(ARRIVAL))
                .where(col(FRAUDS).gt(0.0));
        long window = clock.intervals(DAYS[DAYS.length - 1]);
        Dataset<Row> frauds = scoped(flagged.join(
                transactions.select(
                        col("bankId"),
                        col("transactionId"),
                        col(MERCHANT),
                        col("eventTime"),
                        clock.eventInterval(col("eventTime")).as(INTERVAL)),
                new String[] {"bankId", "transactionId"}));
        Column leaves = col(INTERVAL).plus(window + 1);
        return frauds.select(
                        col(SCOPE),
                        col(MERCHANT),
                        col("eventTime"),
                        greatest(col(INTERVAL).plus(1), col(KNOWN)).as(FROM),
                        least(leaves, coalesce(col(UNTIL), leaves)).as(UNTIL))
                .where(col(FROM).lt(col(UNTIL)));
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
        Column fraud = when(col("label").equalTo("FRAUD"), 1.0).otherwise(0.0);
        return labels.select(
                col("bankId"),
                col("transactionId"),
                col("labelledAt"),
                col("labelId"),
                clock.knownFrom(col("labelledAt")).as(KNOWN),
                fraud.minus(lag(fraud, 1, 0.0).over(ARRIVAL)).as(FRAUDS));
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
                .select(col(SCOPE), col(MERCHANT), col(LENGTH), col("change.*"));
    }

    /** Each row twice: for its bank ({@code scope} = bankId) and for all banks. */
    private static Dataset<Row> scoped(Dataset<Row> rows) {
        return rows.withColumn(SCOPE, explode(array(col("bankId"), lit(Topics.ALL_BANKS))));
    }

    private static Column rate(Column frauds, Column transactions) {
        return when(transactions.equalTo(0), 0.0).otherwise(frauds.divide(transactions));
    }
}
