package dev.vigil.features;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scorer remembers about one card, built only from the card's transactions and their
 * event times (never the wall clock), so replaying the same history gives the same profile.
 * Changed only by {@link CardFeatures#next}; stored with {@link CardProfileCodec}.
 *
 * @param count           transactions seen
 * @param lastEventTime   the latest event time seen ({@link Instant#EPOCH} before any)
 * @param amounts         time-decayed amount statistics, decayed up to {@code lastEventTime}
 * @param lastLocation    the latest location a sender gave for the card, if any
 * @param recentTimes     the latest event times, for bursts
 * @param countries       every merchant country the card was used in
 * @param horizons        decayed amount statistics over 1 h, 24 h, 7 d and 30 d, aged to {@code lastEventTime}
 * @param merchants       the merchants the card was used at (a Bloom filter)
 * @param mccs            the merchant category codes the card was used at (a Bloom filter)
 * @param recentMerchants the merchants the card bought at most recently, by id, with the latest time at each
 * @param ratioPeak       the highest amount-to-mean ratio of the card's transactions, each decayed by
 *                        {@link CardFeatures#RATIO_PEAK_HALF_LIFE} of age, as of {@code lastEventTime}
 * @param mccAmounts      time-decayed amount statistics per merchant category, decayed up to {@code lastEventTime}
 */
public record CardProfile(
        long count,
        Instant lastEventTime,
        AmountStats amounts,
        Optional<Location> lastLocation,
        RecentEventTimes recentTimes,
        CountrySet countries,
        SpendHorizons horizons,
        Sketch merchants,
        Sketch mccs,
        RecentMerchants recentMerchants,
        double ratioPeak,
        MccAmounts mccAmounts) {

    /** A card never seen before. */
    public static final CardProfile EMPTY = new CardProfile(
            0,
            Instant.EPOCH,
            AmountStats.NONE,
            Optional.empty(),
            RecentEventTimes.NONE,
            CountrySet.NONE,
            SpendHorizons.NONE,
            Sketch.NO_MERCHANTS,
            Sketch.NO_MCCS,
            RecentMerchants.NONE,
            0,
            MccAmounts.NONE);

    public CardProfile {
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(lastLocation, "lastLocation");
        Objects.requireNonNull(recentTimes, "recentTimes");
        Objects.requireNonNull(countries, "countries");
        Objects.requireNonNull(horizons, "horizons");
        Objects.requireNonNull(merchants, "merchants");
        Objects.requireNonNull(mccs, "mccs");
        Objects.requireNonNull(recentMerchants, "recentMerchants");
        Objects.requireNonNull(mccAmounts, "mccAmounts");
        if (!(ratioPeak >= 0)) {
            throw new IllegalArgumentException("ratioPeak must not be negative: " + ratioPeak);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
