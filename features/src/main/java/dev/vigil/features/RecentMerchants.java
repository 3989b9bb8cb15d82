package dev.vigil.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@value #CAPACITY} merchants a card bought at most recently, each with the time of its latest
 * purchase there, latest first. Kept by id (a Bloom filter cannot be asked which merchants it holds) so
 * that the merchant-risk table in force when a later transaction is scored can be asked about each:
 * a shop found to be a common point of purchase after the card was there still marks the card.
 * Bounded so a busy card's profile stays small: a card buying twice a day at habitual shops keeps about
 * two weeks of them.
 */
public final class RecentMerchants {

    public static final int CAPACITY = 16;

    static final RecentMerchants NONE = new RecentMerchants(List.of());

    // ties by id, so the order (and the stored bytes) do not depend on the order of arrival
    private static final Comparator<Visit> LATEST_FIRST =
            Comparator.comparing(Visit::at).reversed().thenComparing(Visit::merchantId);

    private final List<Visit> visits;

    /** A merchant and the latest event time the card bought there. */
    public record Visit(String merchantId, Instant at) {
        public Visit {
            Objects.requireNonNull(merchantId, "merchantId");
            Objects.requireNonNull(at, "at");
        }
    }

    private RecentMerchants(List<Visit> latestFirst) {
        this.visits = List.copyOf(latestFirst);
    }

    /** From stored visits: one per merchant (its latest), latest first, the {@link #CAPACITY} latest kept. */
    static RecentMerchants of(List<Visit> visits) {
        // sorted first, so each merchant's first visit is its latest: one pass keeps those (the scorer
        // decodes every profile through here)
        List<Visit> sorted = new ArrayList<>(visits);
        sorted.sort(LATEST_FIRST);
        List<Visit> kept = new ArrayList<>(Math.min(CAPACITY, sorted.size()));
        Set<String> merchants = new HashSet<>();
        for (Visit visit : sorted) {
            if (kept.size() == CAPACITY) {
                break;
            }
            if (merchants.add(visit.merchantId())) {
                kept.add(visit);
            }
        }
        return new RecentMerchants(kept);
    }

    /** These visits and a purchase at {@code merchantId} at {@code at} (an older one leaves a later visit alone). */
    RecentMerchants with(String merchantId, Instant at) {
        // one pass over visits already merged and sorted (what of() would give for them and this purchase):
        // the scorer calls this for every record
        List<Visit> grown = new ArrayList<>(visits.size() + 1);
        for (Visit kept : visits) {
            if (kept.merchantId().equals(merchantId)) {
                if (!kept.at().isBefore(at)) {
                    return this;
                }
            } else {
                grown.add(kept);
            }
        }
        grown.add(new Visit(merchantId, at));
        grown.sort(LATEST_FIRST);
        return new RecentMerchants(grown.subList(0, Math.min(CAPACITY, grown.size())));
    }

    /** The kept visits in {@code [end - window, end]}, latest first; later ones (out-of-order input) do not count. */
    public List<Visit> within(Instant end, Duration window) {
        Instant from = end.minus(window);
        // a loop, not a stream: called for every record scored
        List<Visit> within = new ArrayList<>(visits.size());
        for (Visit visit : visits) {
            if (!visit.at().isBefore(from) && !visit.at().isAfter(end)) {
                within.add(visit);
            }
        }
        return within;
    }

    List<Visit> visits() {
        return visits;
    }

    public int size() {
        return visits.size();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentMerchants that && visits.equals(that.visits);
    }

    @Override
    public int hashCode() {
        return visits.hashCode();
    }

    @Override
    public String toString() {
        return visits.toString();
    }
}
