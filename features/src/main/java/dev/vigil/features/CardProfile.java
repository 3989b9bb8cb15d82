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
 */
public record CardProfile(long count, Instant lastEventTime, AmountStats amounts, Optional<Location> lastLocation,
        RecentEventTimes recentTimes, CountrySet countries) {

    /** A card never seen before. */
    public static final CardProfile EMPTY = new CardProfile(0, Instant.EPOCH, AmountStats.NONE, Optional.empty(),
            RecentEventTimes.NONE, CountrySet.NONE);

    public CardProfile {
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(lastLocation, "lastLocation");
        Objects.requireNonNull(recentTimes, "recentTimes");
        Objects.requireNonNull(countries, "countries");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
