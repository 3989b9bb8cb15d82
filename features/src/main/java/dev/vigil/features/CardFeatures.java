package dev.vigil.features;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one function that moves a card's profile forward: {@code (profile, transaction) ->
 * (next profile, features of the transaction)}. Features describe the transaction against the
 * card's history <em>before</em> it, so the same code gives the scorer's features online and the
 * trainer's features when it folds a card's history in event-time order.
 *
 * <p>Driven only by event time. An event older than the latest one seen (out of order) is
 * counted, weighs as much as its age says, and leaves the latest time and location alone, so
 * no time difference is ever negative.
 */
public final class CardFeatures {

    /** A card's "usual" amount follows its last few weeks: an amount two weeks old weighs half. */
    public static final Duration AMOUNT_HALF_LIFE = Duration.ofDays(14);
    public static final Duration BURST_WINDOW = Duration.ofMinutes(10);
    public static final Duration HOUR = Duration.ofHours(1);
    /**
     * No card's spending is treated as more regular than a tenth of its mean (or one minor unit),
     * so a card with identical amounts does not give an infinite z-score for one cent more.
     */
    static final double MIN_STD_SHARE_OF_MEAN = 0.1;
    static final double MIN_STD_MINOR = 1.0;

    private CardFeatures() {
    }

    /** The profile after {@code tx}, and the features of {@code tx} against the profile before it. */
    public static Step next(CardProfile before, Transaction tx) {
        Instant eventTime = tx.getEventTime();
        Optional<Location> location = locationOf(tx);
        FeatureVector features = features(before, tx, eventTime, location);
        return new Step(updated(before, tx, eventTime, location), features);
    }

    /** The outcome of one transaction: the card's new profile and the transaction's features. */
    public record Step(CardProfile profile, FeatureVector features) {
    }

    private static FeatureVector features(CardProfile before, Transaction tx, Instant eventTime,
            Optional<Location> location) {
        boolean hasHistory = !before.isEmpty();
        double amount = tx.getAmountMinor();
        double mean = before.amounts().mean();
        double std = before.amounts().standardDeviation();
        double floor = Math.max(MIN_STD_MINOR, MIN_STD_SHARE_OF_MEAN * mean);
        FeatureSchema schema = FeatureSchema.CARD_V1;
        double[] v = new double[schema.size()];
        v[schema.indexOf(FeatureSchema.Names.AMOUNT_MINOR)] = amount;
        v[schema.indexOf(FeatureSchema.Names.PRIOR_COUNT)] = before.count();
        v[schema.indexOf(FeatureSchema.Names.AMOUNT_MEAN)] = mean;
        v[schema.indexOf(FeatureSchema.Names.AMOUNT_STD)] = std;
        v[schema.indexOf(FeatureSchema.Names.AMOUNT_TO_MEAN_RATIO)] = hasHistory && mean > 0 ? amount / mean : 0;
        v[schema.indexOf(FeatureSchema.Names.AMOUNT_Z_SCORE)] = hasHistory ? (amount - mean) / Math.max(std, floor) : 0;
        // out of order: the latest event is later than this one; 0, never negative
        v[schema.indexOf(FeatureSchema.Names.SECONDS_SINCE_LAST)] = hasHistory
                ? Math.max(0, Duration.between(before.lastEventTime(), eventTime).toMillis()) / 1000.0
                : -1;
        v[schema.indexOf(FeatureSchema.Names.TX_COUNT_10M)] = 1 + before.recentTimes().countWithin(eventTime, BURST_WINDOW);
        v[schema.indexOf(FeatureSchema.Names.TX_COUNT_1H)] = 1 + before.recentTimes().countWithin(eventTime, HOUR);
        v[schema.indexOf(FeatureSchema.Names.DISTINCT_COUNTRIES_BEFORE)] = before.countries().size();
        boolean knownCode = CountrySet.bitOf(tx.getMerchantCountry()).isPresent();
        v[schema.indexOf(FeatureSchema.Names.NEW_COUNTRY)] =
                hasHistory && knownCode && !before.countries().contains(tx.getMerchantCountry()) ? 1 : 0;
        v[schema.indexOf(FeatureSchema.Names.CARD_NOT_PRESENT)] = tx.getChannel() == Channel.CARD_NOT_PRESENT ? 1 : 0;
        v[schema.indexOf(FeatureSchema.Names.KM_FROM_LAST_LOCATION)] = location.isPresent() && before.lastLocation().isPresent()
                ? before.lastLocation().get().kilometresTo(location.get())
                : -1;
        return new FeatureVector(schema, v);
    }

    private static CardProfile updated(CardProfile before, Transaction tx, Instant eventTime, Optional<Location> location) {
        boolean latest = before.isEmpty() || !eventTime.isBefore(before.lastEventTime());
        AmountStats amounts;
        if (latest) {
            // age the history to this event, then add it with full weight
            amounts = before.amounts().decayed(decay(Duration.between(before.lastEventTime(), eventTime)))
                    .plus(tx.getAmountMinor(), 1.0);
        } else {
            // the history is already aged to a later time: add this one with the weight of its age
            amounts = before.amounts().plus(tx.getAmountMinor(), decay(Duration.between(eventTime, before.lastEventTime())));
        }
        return new CardProfile(
                before.count() + 1,
                latest ? eventTime : before.lastEventTime(),
                amounts,
                latest ? location.or(before::lastLocation) : before.lastLocation(),
                before.recentTimes().with(eventTime),
                before.countries().with(tx.getMerchantCountry()));
    }

    /** {@code 2^(-age / half-life)}: 1 for no age, ½ for one half-life. */
    static double decay(Duration age) {
        return Math.pow(0.5, (double) age.toMillis() / AMOUNT_HALF_LIFE.toMillis());
    }

    private static Optional<Location> locationOf(Transaction tx) {
        return tx.getLatitude() != null && tx.getLongitude() != null
                ? Optional.of(new Location(tx.getLatitude(), tx.getLongitude()))
                : Optional.empty();
    }
}
