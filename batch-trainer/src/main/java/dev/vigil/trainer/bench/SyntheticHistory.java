package dev.vigil.trainer.bench;

import dev.vigil.card.CardToken;
import dev.vigil.events.Channel;
import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import dev.vigil.events.Transaction;
import dev.vigil.events.TransactionLabel;
import dev.vigil.schemas.LabelRecords;
import dev.vigil.schemas.TransactionRecords;
import dev.vigil.trainer.archive.HistoryRows;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A deterministic synthetic card population for benchmarks and tests: each card spends near home
 * at its own usual amount; a share of cards is compromised once, giving a burst of large
 * card-not-present transactions abroad, each reported as fraud days later. Each card's history
 * depends only on the seed and the card's index, so Spark can generate cards in parallel.
 * Tokens are synthetic ({@code card-000042}); BINs are a reserved test range; nothing is a card number.
 *
 * @param cards            number of cards
 * @param days             length of the history
 * @param start            the first instant of the history
 * @param perCardPerDay    mean genuine transactions per card per day
 * @param compromisedShare share of cards compromised once
 * @param seed             the population's seed
 */
public record SyntheticHistory(
        int cards, int days, Instant start, double perCardPerDay, double compromisedShare, long seed)
        implements Serializable {

    private static final String[] COUNTRIES = {"DE", "FR", "NL", "ES", "IT", "BE", "AT", "PL"};
    private static final String[] FRAUD_COUNTRIES = {"BR", "NG", "US", "RU"};
    private static final String[] BANKS = {"bank-a", "bank-b"};
    /** Every card is used in UTC+1, so the local-time features see a European day. */
    private static final ZoneOffset CENTRAL_EUROPE = ZoneOffset.ofHours(1);

    /** A population of about {@code transactions} over {@code days}, two transactions per card per day. */
    static SyntheticHistory ofSize(long transactions, int days, Instant start, long seed) {
        double perCardPerDay = 2.0;
        int cards = (int) Math.max(1, Math.round(transactions / (perCardPerDay * days)));
        return new SyntheticHistory(cards, days, start, perCardPerDay, 0.02, seed);
    }

    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }

    /** One card's transactions (in no particular order, like a topic's) and the labels reported for them. */
    public record Card(List<Transaction> transactions, List<TransactionLabel> labels) {}

    public Card card(int index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        String token = String.format(Locale.ROOT, "card-%06d", index);
        String bank = BANKS[index % BANKS.length];
        String home = COUNTRIES[random.nextInt(COUNTRIES.length)];
        double usualAmount = 1_000 + random.nextDouble() * 9_000;
        double homeLat = 40 + random.nextDouble() * 15;
        double homeLon = -5 + random.nextDouble() * 25;
        long millis = Duration.ofDays(days).toMillis();
        List<Transaction> transactions = new ArrayList<>();
        List<TransactionLabel> labels = new ArrayList<>();
        int genuine = (int) Math.round(perCardPerDay * days * (0.5 + random.nextDouble()));
        for (int i = 0; i < genuine; i++) {
            Instant at = start.plusMillis((long) (random.nextDouble() * millis));
            boolean present = random.nextDouble() < 0.7;
            long amount = Math.max(50, Math.round(usualAmount * Math.exp(random.nextGaussian() * 0.4)));
            transactions.add(transaction(
                    token,
                    bank,
                    home,
                    index,
                    transactions.size(),
                    amount,
                    "m-" + random.nextInt(200),
                    home,
                    present ? Channel.CARD_PRESENT : Channel.CARD_NOT_PRESENT,
                    present ? homeLat + random.nextGaussian() * 0.05 : null,
                    present ? homeLon + random.nextGaussian() * 0.05 : null,
                    at));
        }
        if (random.nextDouble() < compromisedShare) {
            Instant attack = start.plusMillis((long) (random.nextDouble() * millis));
            String country = FRAUD_COUNTRIES[random.nextInt(FRAUD_COUNTRIES.length)];
            int burst = 3 + random.nextInt(4);
            for (int i = 0; i < burst; i++) {
                Instant at = attack.plusSeconds(random.nextInt(1_800));
                long amount = Math.round(usualAmount * (3 + random.nextDouble() * 5));
                Transaction fraud = transaction(
                        token,
                        bank,
                        home,
                        index,
                        transactions.size(),
                        amount,
                        "m-" + (200 + random.nextInt(20)),
                        country,
                        Channel.CARD_NOT_PRESENT,
                        null,
                        null,
                        at);
                transactions.add(fraud);
                Instant reported = at.plus(Duration.ofHours(12 + random.nextInt(24 * 7)));
                labels.add(LabelRecords.of(
                        bank,
                        fraud.getTransactionId(),
                        token,
                        Label.FRAUD,
                        LabelSource.CHARGEBACK,
                        reported,
                        at,
                        null));
            }
        }
        return new Card(transactions, labels);
    }

    /** The population's transactions as history rows, generated in parallel by card. */
    public Dataset<Row> transactions(SparkSession spark) {
        SyntheticHistory population = this;
        return spark.range(cards)
                .as(Encoders.LONG())
                .flatMap(
                        (FlatMapFunction<Long, Row>) index -> population.card(index.intValue()).transactions().stream()
                                .map(HistoryRows::transactionRow)
                                .iterator(),
                        Encoders.row(HistoryRows.TRANSACTION));
    }

    /** The population's labels as history rows. */
    public Dataset<Row> labels(SparkSession spark) {
        SyntheticHistory population = this;
        return spark.range(cards)
                .as(Encoders.LONG())
                .flatMap(
                        (FlatMapFunction<Long, Row>) index -> population.card(index.intValue()).labels().stream()
                                .map(HistoryRows::labelRow)
                                .iterator(),
                        Encoders.row(HistoryRows.LABEL));
    }

    private static Transaction transaction(
            String token,
            String bank,
            String cardCountry,
            int card,
            int n,
            long amount,
            String merchant,
            String country,
            Channel channel,
            Double lat,
            Double lon,
            Instant at) {
        // a reserved test BIN and the card's index as its last four: nothing here is a card number
        CardToken kept = new CardToken(token, "999999", String.format(Locale.ROOT, "%04d", card % 10_000), cardCountry);
        return TransactionRecords.builder(kept, at.atOffset(CENTRAL_EUROPE), at.plusMillis(150))
                .setTransactionId(String.format(Locale.ROOT, "tx-%06d-%04d", card, n))
                .setBankId(bank)
                .setAmountMinor(amount)
                .setCurrency("EUR")
                .setMerchantId(merchant)
                .setMcc("5411")
                .setMerchantCountry(country)
                .setTerminalId(null)
                .setChannel(channel)
                .setLatitude(lat)
                .setLongitude(lon)
                .build();
    }
}
