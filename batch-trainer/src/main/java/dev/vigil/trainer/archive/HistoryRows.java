package dev.vigil.trainer.archive;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.trainer.SparkSessions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet history's row shapes and their conversions to and from the Avro records of
 * {@code schemas}. One place spells the columns, so the archive that writes rows and the trainer
 * that folds them through {@code features} cannot disagree.
 */
public final class HistoryRows {

    /** Partition column: the UTC date of the event (transactions) or of the label's arrival (labels). */
    public static final String EVENT_DATE = "eventDate";
    /** Where the archive read a record: its Kafka partition and offset (null in rows archived before they were kept). */
    public static final String KAFKA_PARTITION = "kafkaPartition";

    public static final String KAFKA_OFFSET = "kafkaOffset";

    public static final StructType TRANSACTION = new StructType()
            .add("transactionId", DataTypes.StringType, false)
            .add("bankId", DataTypes.StringType, false)
            .add("cardToken", DataTypes.StringType, false)
            .add("cardBin", DataTypes.StringType, false)
            .add("cardLast4", DataTypes.StringType, false)
            .add("amountMinor", DataTypes.LongType, false)
            .add("currency", DataTypes.StringType, false)
            .add("merchantId", DataTypes.StringType, false)
            .add("mcc", DataTypes.StringType, false)
            .add("merchantCountry", DataTypes.StringType, false)
            .add("terminalId", DataTypes.StringType, true)
            .add("channel", DataTypes.StringType, false)
            .add("latitude", DataTypes.DoubleType, true)
            .add("longitude", DataTypes.DoubleType, true)
            .add("eventTime", DataTypes.TimestampType, false)
            .add("utcOffsetMinutes", DataTypes.IntegerType, false)
            .add("receivedAt", DataTypes.TimestampType, false)
            // added with Transaction 0.2.0: null in rows archived before, as in their records
            .add("cardCountry", DataTypes.StringType, true)
            // the scorer's order (topic order); older Parquet files without them read as null
            .add(KAFKA_PARTITION, DataTypes.IntegerType, true)
            .add(KAFKA_OFFSET, DataTypes.LongType, true)
            .add(EVENT_DATE, DataTypes.DateType, false);

    /** The {@link #TRANSACTION} column names, in order, for selecting a history into that layout. */
    public static org.apache.spark.sql.Column[] transactionColumns() {
        return java.util.Arrays.stream(TRANSACTION.fieldNames())
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new);
    }

    public static final StructType LABEL = new StructType()
            .add("labelId", DataTypes.StringType, false)
            .add("bankId", DataTypes.StringType, false)
            .add("transactionId", DataTypes.StringType, false)
            .add("cardToken", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, false)
            .add("source", DataTypes.StringType, false)
            .add("labelledAt", DataTypes.TimestampType, false)
            .add("transactionTime", DataTypes.TimestampType, true)
            .add("note", DataTypes.StringType, true)
            .add(KAFKA_PARTITION, DataTypes.IntegerType, true)
            .add(KAFKA_OFFSET, DataTypes.LongType, true)
            .add(EVENT_DATE, DataTypes.DateType, false);

    private HistoryRows() {}

    /** A transaction that was not read from Kafka (generated, or a test's): no partition and offset. */
    public static Row transactionRow(Transaction tx) {
        return transactionRow(tx, null, null);
    }

    public static Row transactionRow(Transaction tx, Integer partition, Long offset) {
        return RowFactory.create(
                str(tx.getTransactionId()),
                str(tx.getBankId()),
                str(tx.getCardToken()),
                str(tx.getCardBin()),
                str(tx.getCardLast4()),
                tx.getAmountMinor(),
                str(tx.getCurrency()),
                str(tx.getMerchantId()),
                str(tx.getMcc()),
                str(tx.getMerchantCountry()),
                str(tx.getTerminalId()),
                tx.getChannel().name(),
                tx.getLatitude(),
                tx.getLongitude(),
                tx.getEventTime(),
                tx.getUtcOffsetMinutes(),
                tx.getReceivedAt(),
                str(tx.getCardCountry()),
                partition,
                offset,
                utcDate(tx.getEventTime()));
    }

    /**
     * The transaction of a row laid out as {@link #TRANSACTION} (by position: rows built in a job may
     * carry no schema).
     */
    public static Transaction transaction(Row row) {
        return Transaction.newBuilder()
                .setTransactionId((String) tx(row, "transactionId"))
                .setBankId((String) tx(row, "bankId"))
                .setCardToken((String) tx(row, "cardToken"))
                .setCardBin((String) tx(row, "cardBin"))
                .setCardLast4((String) tx(row, "cardLast4"))
                .setAmountMinor((long) tx(row, "amountMinor"))
                .setCurrency((String) tx(row, "currency"))
                .setMerchantId((String) tx(row, "merchantId"))
                .setMcc((String) tx(row, "mcc"))
                .setMerchantCountry((String) tx(row, "merchantCountry"))
                .setTerminalId((String) tx(row, "terminalId"))
                .setChannel(channel((String) tx(row, "channel")))
                .setLatitude((Double) tx(row, "latitude"))
                .setLongitude((Double) tx(row, "longitude"))
                .setEventTime(instant(tx(row, "eventTime")))
                .setUtcOffsetMinutes((int) tx(row, "utcOffsetMinutes"))
                .setReceivedAt(instant(tx(row, "receivedAt")))
                .setCardCountry((String) tx(row, "cardCountry"))
                .build();
    }

    private static Object tx(Row row, String field) {
        return row.get(TRANSACTION.fieldIndex(field));
    }

    public static Row labelRow(TransactionLabel label) {
        return labelRow(label, null, null);
    }

    static Row labelRow(TransactionLabel label, Integer partition, Long offset) {
        return RowFactory.create(
                str(label.getLabelId()),
                str(label.getBankId()),
                str(label.getTransactionId()),
                str(label.getCardToken()),
                label.getLabel().name(),
                label.getSource().name(),
                label.getLabelledAt(),
                label.getTransactionTime() == null ? null : label.getTransactionTime(),
                str(label.getNote()),
                partition,
                offset,
                utcDate(label.getLabelledAt()));
    }

    /**
     * A timestamp as Spark hands it back. Sessions run with {@code spark.sql.datetime.java8API.enabled}
     * (see {@link SparkSessions}), so rows carry {@link Instant} and {@link LocalDate}: converting
     * {@code java.sql.Timestamp} would need JDK internals opened.
     */
    public static Instant instant(Object sparkTimestamp) {
        return (Instant) sparkTimestamp;
    }

    public static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Channel channel(String name) {
        try {
            return Channel.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return Channel.UNKNOWN;
        }
    }

    private static String str(CharSequence text) {
        return text == null ? null : text.toString();
    }
}
