package dev.vigil.features;

import dev.vigil.events.Channel;
import dev.vigil.events.MerchantRisk;
import dev.vigil.events.Transaction;
import dev.vigil.features.FeatureSchema.Names;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one function that moves a card's profile forward: {@code (profile, transaction, merchant risk)
 * -> (next profile, features of the transaction)}. The scorer calls it online and the trainer when
 * it folds a card's history in event-time order, so training and serving features cannot differ.
 * Card features describe the transaction against the card's history <em>before</em> it; the
 * horizon aggregates include the transaction itself.
 *
 * <p>Driven only by event time. An event older than the latest one seen (out of order) is
 * counted, weighs as much as its age says, and leaves the latest time and location alone, so
 * no time difference is ever negative.
 */
public final class CardFeatures {

    /** A card's "usual" amount follows its last few weeks: an amount two weeks old weighs half. */
    public static final Duration AMOUNT_HALF_LIFE = Duration.ofDays(14);
    /** A card's recent peak amount-to-usual ratio halves per week of age. */
    public static final Duration RATIO_PEAK_HALF_LIFE = Duration.ofDays(7);

    public static final Duration BURST_WINDOW = Duration.ofMinutes(10);
    public static final Duration HOUR = Duration.ofHours(1);
    /** How far back a card's purchases count towards its exposure to a common point of purchase. */
    public static final Duration COMMON_POINT_WINDOW = Duration.ofDays(30);
    /** Local hours [0, 6) are night. */
    public static final int NIGHT_ENDS_AT_HOUR = 6;
    /** Implied speed divides by at least this, so two transactions in the same second give a finite speed. */
    static final Duration MIN_TRAVEL_TIME = Duration.ofMinutes(1);
    /**
     * No card's spending is treated as more regular than a tenth of its mean (or one minor unit),
     * so a card with identical amounts does not give an infinite z-score for one cent more.
     */
    static final double MIN_STD_SHARE_OF_MEAN = 0.1;

    static final double MIN_STD_MINOR = 1.0;

    private static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    private static final int AMOUNT_MEAN = at(Names.AMOUNT_MEAN);
    private static final int AMOUNT_STD = at(Names.AMOUNT_STD);
    private static final int AMOUNT_MINOR = at(Names.AMOUNT_MINOR);
    private static final int PRIOR_COUNT = at(Names.PRIOR_COUNT);
    private static final int AMOUNT_TO_MEAN_RATIO = at(Names.AMOUNT_TO_MEAN_RATIO);
    private static final int AMOUNT_Z_SCORE = at(Names.AMOUNT_Z_SCORE);
    private static final int SECONDS_SINCE_LAST = at(Names.SECONDS_SINCE_LAST);
    private static final int TX_COUNT_10M = at(Names.TX_COUNT_10M);
    private static final int TX_COUNT_1H = at(Names.TX_COUNT_1H);
    private static final int KM_FROM_LAST_LOCATION = at(Names.KM_FROM_LAST_LOCATION);
    private static final int SPEED_KMH_FROM_LAST = at(Names.SPEED_KMH_FROM_LAST);
    private static final int DISTINCT_COUNTRIES_BEFORE = at(Names.DISTINCT_COUNTRIES_BEFORE);
    private static final int NEW_COUNTRY = at(Names.NEW_COUNTRY);
    private static final int NEW_MERCHANT = at(Names.NEW_MERCHANT);
    private static final int NEW_MCC = at(Names.NEW_MCC);
    private static final int LOCAL_HOUR = at(Names.LOCAL_HOUR);
    private static final int NIGHT_TIME = at(Names.NIGHT_TIME);
    private static final int WEEKEND = at(Names.WEEKEND);
    private static final int CARD_NOT_PRESENT = at(Names.CARD_NOT_PRESENT);
    private static final int MERCHANT_KNOWN = at(Names.MERCHANT_KNOWN);
    private static final int MERCHANT_TX_COUNT_1D = at(Names.MERCHANT_TX_COUNT_1D);
    private static final int MERCHANT_TX_COUNT_7D = at(Names.MERCHANT_TX_COUNT_7D);
    private static final int MERCHANT_TX_COUNT_30D = at(Names.MERCHANT_TX_COUNT_30D);
    private static final int MERCHANT_FRAUD_RATE_1D = at(Names.MERCHANT_FRAUD_RATE_1D);
    private static final int MERCHANT_FRAUD_RATE_7D = at(Names.MERCHANT_FRAUD_RATE_7D);
    private static final int MERCHANT_FRAUD_RATE_30D = at(Names.MERCHANT_FRAUD_RATE_30D);
    private static final int CARD_COUNTRY_KNOWN = at(Names.CARD_COUNTRY_KNOWN);
    private static final int MERCHANT_OUTSIDE_CARD_COUNTRY = at(Names.MERCHANT_OUTSIDE_CARD_COUNTRY);
    private static final int COMMON_POINT_SCORE = at(Names.COMMON_POINT_SCORE);
    private static final int COMMON_POINT_DEFRAUDED_CARDS = at(Names.COMMON_POINT_DEFRAUDED_CARDS);
    private static final int MERCHANT_FRAUD_AGE_DAYS = at(Names.MERCHANT_FRAUD_AGE_DAYS);
    private static final int AMOUNT_RATIO_PEAK = at(Names.AMOUNT_RATIO_PEAK);
    private static final int AMOUNT_TO_MCC_MEAN_RATIO = at(Names.AMOUNT_TO_MCC_MEAN_RATIO);
    private static final int MCC_TX_COUNT = at(Names.MCC_TX_COUNT);
    private static final int[] HORIZON_COUNT = {
        -1, at(Names.TX_COUNT_24H), at(Names.TX_COUNT_7D), at(Names.TX_COUNT_30D)
    };
    private static final int[] HORIZON_SUM = {
        at(Names.AMOUNT_SUM_1H), at(Names.AMOUNT_SUM_24H), at(Names.AMOUNT_SUM_7D), at(Names.AMOUNT_SUM_30D)
    };
    private static final int[] HORIZON_MEAN = {
        at(Names.AMOUNT_MEAN_1H), at(Names.AMOUNT_MEAN_24H), at(Names.AMOUNT_MEAN_7D), at(Names.AMOUNT_MEAN_30D)
    };
    private static final int[] HORIZON_STD = {
        at(Names.AMOUNT_STD_1H), at(Names.AMOUNT_STD_24H), at(Names.AMOUNT_STD_7D), at(Names.AMOUNT_STD_30D)
    };

    private CardFeatures() {}

    /**
     * The profile after {@code tx}, and the features of {@code tx}.
     *
     * @param merchant the merchant's recent risk for the transaction's bank, or {@code null} when
     *                 unknown (merchant features then take neutral values: unknown, no counts, rate 0)
     * @param risks    the merchant-risk table in force, asked about the merchants the card bought at
     *                 recently (common point of purchase)
     */
    public static Step next(CardProfile before, Transaction tx, MerchantRisk merchant, MerchantRiskTable risks) {
        Instant eventTime = tx.getEventTime();
        Optional<Location> location = locationOf(tx);
        CardProfile after = updated(before, tx, eventTime, location);
        return new Step(after, features(before, after, tx, eventTime, location, merchant, risks));
    }

    /** The outcome of one transaction: the card's new profile and the transaction's features. */
    public record Step(CardProfile profile, FeatureVector features) {}

    private static FeatureVector features(
            CardProfile before,
            CardProfile after,
            Transaction tx,
            Instant eventTime,
            Optional<Location> location,
            MerchantRisk merchant,
            MerchantRiskTable risks) {
        boolean hasHistory = !before.isEmpty();
        double amount = tx.getAmountMinor();
        double mean = before.amounts().mean();
        double std = before.amounts().standardDeviation();
        double floor = Math.max(MIN_STD_MINOR, MIN_STD_SHARE_OF_MEAN * mean);
        double[] v = new double[SCHEMA.size()];
        v[AMOUNT_MINOR] = amount;
        v[PRIOR_COUNT] = before.count();
        v[AMOUNT_MEAN] = mean;
        v[AMOUNT_STD] = std;
        v[AMOUNT_TO_MEAN_RATIO] = ratioToUsual(before, amount);
        v[AMOUNT_Z_SCORE] = hasHistory ? (amount - mean) / Math.max(std, floor) : 0;
        // out of order: the latest event is later than this one; 0, never negative
        long sinceLastMillis = hasHistory
                ? Math.max(
                        0, Duration.between(before.lastEventTime(), eventTime).toMillis())
                : -1;
        v[SECONDS_SINCE_LAST] = hasHistory ? sinceLastMillis / 1000.0 : -1;
        // aged to this event; an older event reads it as it is, a card without history has none
        Duration sinceLast = Duration.ofMillis(Math.max(0, sinceLastMillis));
        v[AMOUNT_RATIO_PEAK] = before.ratioPeak() * decay(sinceLast, RATIO_PEAK_HALF_LIFE);
        AmountStats inCategory = before.mccAmounts().in(tx.getMcc());
        v[AMOUNT_TO_MCC_MEAN_RATIO] = inCategory.weight() > 0 && inCategory.mean() > 0 ? amount / inCategory.mean() : 0;
        v[MCC_TX_COUNT] = inCategory.weight() * decay(sinceLast);
        v[TX_COUNT_10M] = 1 + before.recentTimes().countWithin(eventTime, BURST_WINDOW);
        v[TX_COUNT_1H] = 1 + before.recentTimes().countWithin(eventTime, HOUR);
        for (int h = 0; h < SpendHorizons.HORIZONS.length; h++) {
            AmountStats stats = after.horizons().at(h);
            if (HORIZON_COUNT[h] >= 0) {
                v[HORIZON_COUNT[h]] = stats.weight();
            }
            v[HORIZON_SUM[h]] = stats.weight() * stats.mean();
            v[HORIZON_MEAN[h]] = stats.mean();
            v[HORIZON_STD[h]] = stats.standardDeviation();
        }
        double km = location.isPresent() && before.lastLocation().isPresent()
                ? before.lastLocation().get().kilometresTo(location.get())
                : -1;
        v[KM_FROM_LAST_LOCATION] = km;
        v[SPEED_KMH_FROM_LAST] =
                km < 0 ? -1 : km / (Math.max(sinceLastMillis, MIN_TRAVEL_TIME.toMillis()) / (double) HOUR.toMillis());
        v[DISTINCT_COUNTRIES_BEFORE] = before.countries().size();
        boolean knownCode = CountrySet.bitOf(tx.getMerchantCountry()).isPresent();
        v[NEW_COUNTRY] = hasHistory && knownCode && !before.countries().contains(tx.getMerchantCountry()) ? 1 : 0;
        v[NEW_MERCHANT] = hasHistory && !before.merchants().contains(tx.getMerchantId()) ? 1 : 0;
        v[NEW_MCC] = hasHistory && !before.mccs().contains(tx.getMcc()) ? 1 : 0;
        long localMillis = eventTime.toEpochMilli() + tx.getUtcOffsetMinutes() * 60_000L;
        int localHour = (int) (Math.floorMod(localMillis, DAY_MILLIS) / HOUR.toMillis());
        // 1970-01-01 was a Thursday: day 0 is 3 days after Monday
        long dayOfWeekFromMonday = Math.floorMod(Math.floorDiv(localMillis, DAY_MILLIS) + 3, 7);
        v[LOCAL_HOUR] = localHour;
        v[NIGHT_TIME] = localHour < NIGHT_ENDS_AT_HOUR ? 1 : 0;
        v[WEEKEND] = dayOfWeekFromMonday >= 5 ? 1 : 0;
        v[CARD_NOT_PRESENT] = tx.getChannel() == Channel.CARD_NOT_PRESENT ? 1 : 0;
        // the issuer's country, as ingest found it from the BIN; unknown says nothing either way
        String cardCountry = tx.getCardCountry();
        v[CARD_COUNTRY_KNOWN] = cardCountry != null ? 1 : 0;
        v[MERCHANT_OUTSIDE_CARD_COUNTRY] = cardCountry != null && !cardCountry.equals(tx.getMerchantCountry()) ? 1 : 0;
        if (merchant != null) {
            v[MERCHANT_KNOWN] = 1;
            v[MERCHANT_TX_COUNT_1D] = merchant.getTransactions1d();
            v[MERCHANT_TX_COUNT_7D] = merchant.getTransactions7d();
            v[MERCHANT_TX_COUNT_30D] = merchant.getTransactions30d();
            v[MERCHANT_FRAUD_RATE_1D] = merchant.getFraudRate1d();
            v[MERCHANT_FRAUD_RATE_7D] = merchant.getFraudRate7d();
            v[MERCHANT_FRAUD_RATE_30D] = merchant.getFraudRate30d();
        }
        v[MERCHANT_FRAUD_AGE_DAYS] = fraudAgeDays(merchant, eventTime);
        commonPoint(before, eventTime, risks, v);
        return new FeatureVector(SCHEMA, v);
    }

    /** The amount against the card's usual one (its decayed mean) before it; 0 for a card's first transaction. */
    private static double ratioToUsual(CardProfile before, double amount) {
        double mean = before.amounts().mean();
        return !before.isEmpty() && mean > 0 ? amount / mean : 0;
    }

    /**
     * Days from the earliest fraud the merchant's risk record counts to this transaction (-1 without one): a
     * compromise that has ended leaves its frauds in the delayed windows for a week or more after its last,
     * so the rates alone cannot tell its genuine aftermath from a compromise still running; the age can.
     */
    private static double fraudAgeDays(MerchantRisk merchant, Instant eventTime) {
        Instant earliest = merchant == null ? null : merchant.getEarliestFraudTime();
        if (earliest == null) {
            return -1;
        }
        return Math.max(0, Duration.between(earliest, eventTime).toMillis()) / (double) DAY_MILLIS;
    }

    /**
     * The card's exposure to a common point of purchase: the highest {@code commonPointScore} among the
     * merchants it bought at in the {@link #COMMON_POINT_WINDOW} before this transaction, and that
     * merchant's count of defrauded cards (the one with more of them on a tie). Asked of the table in force now, not
     * when the card was there: a breach is found out after the fact, from the chargebacks of the cards it
     * leaked. Why the profile keeps merchant ids rather than the trainer publishing each card's exposure: the
     * card's own history already flows through this one function in the scorer, the score-stream and the
     * trainer, so the exposure follows the card's latest purchase at once, and no table keyed by card is needed.
     */
    private static void commonPoint(CardProfile before, Instant eventTime, MerchantRiskTable risks, double[] v) {
        for (RecentMerchants.Visit visit : before.recentMerchants().within(eventTime, COMMON_POINT_WINDOW)) {
            MerchantRisk risk = risks.of(visit.merchantId());
            if (risk == null) {
                continue;
            }
            double score = risk.getCommonPointScore();
            long defrauded = risk.getCommonPointDefraudedCards();
            if (score > v[COMMON_POINT_SCORE]
                    || (score == v[COMMON_POINT_SCORE] && defrauded > v[COMMON_POINT_DEFRAUDED_CARDS])) {
                v[COMMON_POINT_SCORE] = score;
                v[COMMON_POINT_DEFRAUDED_CARDS] = defrauded;
            }
        }
    }

    private static CardProfile updated(
            CardProfile before, Transaction tx, Instant eventTime, Optional<Location> location) {
        boolean latest = before.isEmpty() || !eventTime.isBefore(before.lastEventTime());
        double ratio = ratioToUsual(before, tx.getAmountMinor());
        AmountStats amounts;
        SpendHorizons horizons;
        double ratioPeak;
        MccAmounts mccAmounts;
        if (latest) {
            // age the history to this event, then add it with full weight
            Duration age = Duration.between(before.lastEventTime(), eventTime);
            double aged = decay(age);
            amounts = before.amounts().decayed(aged).plus(tx.getAmountMinor(), 1.0);
            horizons = before.horizons().aged(age).plus(tx.getAmountMinor(), Duration.ZERO);
            ratioPeak = Math.max(before.ratioPeak() * decay(age, RATIO_PEAK_HALF_LIFE), ratio);
            mccAmounts = before.mccAmounts().decayed(aged).plus(tx.getMcc(), tx.getAmountMinor(), 1.0);
        } else {
            // the history is already aged to a later time: add this one with the weight of its age
            Duration age = Duration.between(eventTime, before.lastEventTime());
            double weight = decay(age);
            amounts = before.amounts().plus(tx.getAmountMinor(), weight);
            horizons = before.horizons().plus(tx.getAmountMinor(), age);
            ratioPeak = Math.max(before.ratioPeak(), ratio * decay(age, RATIO_PEAK_HALF_LIFE));
            mccAmounts = before.mccAmounts().plus(tx.getMcc(), tx.getAmountMinor(), weight);
        }
        return new CardProfile(
                before.count() + 1,
                latest ? eventTime : before.lastEventTime(),
                amounts,
                latest ? location.or(before::lastLocation) : before.lastLocation(),
                before.recentTimes().with(eventTime),
                before.countries().with(tx.getMerchantCountry()),
                horizons,
                before.merchants().with(tx.getMerchantId()),
                before.mccs().with(tx.getMcc()),
                before.recentMerchants().with(tx.getMerchantId(), eventTime),
                ratioPeak,
                mccAmounts);
    }

    /** {@code 2^(-age / half-life)}: 1 for no age, ½ for one half-life. */
    static double decay(Duration age) {
        return decay(age, AMOUNT_HALF_LIFE);
    }

    /** {@code 2^(-age / halfLife)}. */
    static double decay(Duration age, Duration halfLife) {
        return Math.pow(0.5, (double) age.toMillis() / halfLife.toMillis());
    }

    private static int at(String feature) {
        return SCHEMA.indexOf(feature);
    }

    private static Optional<Location> locationOf(Transaction tx) {
        return tx.getLatitude() != null && tx.getLongitude() != null
                ? Optional.of(new Location(tx.getLatitude(), tx.getLongitude()))
                : Optional.empty();
    }
}
