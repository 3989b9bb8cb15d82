package dev.vigil.features;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Named moments, a card and transactions on it, for scripted histories. */
public final class CardTransactions {

    public static final String CARD = "tok-card-alice";
    public static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");
    public static final Instant ONE_MINUTE_LATER = MIDNIGHT.plus(Duration.ofMinutes(1));
    public static final Instant ONE_HALF_LIFE_LATER = MIDNIGHT.plus(CardFeatures.AMOUNT_HALF_LIFE);
    public static final String HOME = "DE";
    public static final String ABROAD = "BR";
    /** Berlin and Paris, about 878 km apart. */
    public static final Location BERLIN = new Location(52.5200, 13.4050);

    public static final Location PARIS = new Location(48.8566, 2.3522);

    private CardTransactions() {}

    public static Transaction tx(String id, long amountMinor, String country, Instant at) {
        return Transaction.newBuilder(onCard(CARD, id, amountMinor, country, at))
                .setCardCountry(HOME)
                .build();
    }

    /** A purchase on {@code card} at the grocer, the issuer's country left out (as a sender may). */
    public static Transaction onCard(String card, String id, long amountMinor, String country, Instant at) {
        return Transaction.newBuilder()
                .setTransactionId(id)
                .setBankId("bank-a")
                .setCardToken(card)
                .setCardBin("455673")
                .setCardLast4("9855")
                .setAmountMinor(amountMinor)
                .setCurrency("EUR")
                .setMerchantId("m-grocer")
                .setMcc("5411")
                .setMerchantCountry(country)
                .setChannel(Channel.CARD_PRESENT)
                .setEventTime(at)
                .setUtcOffsetMinutes(60)
                .setReceivedAt(at)
                .build();
    }

    public static Transaction at(Transaction tx, Location location) {
        return Transaction.newBuilder(tx)
                .setLatitude(location.latitude())
                .setLongitude(location.longitude())
                .build();
    }

    /** The profile after folding the transactions through {@link CardFeatures#next}, in the order given. */
    public static CardProfile fold(List<Transaction> history) {
        CardProfile profile = CardProfile.EMPTY;
        for (Transaction tx : history) {
            profile = CardFeatures.next(profile, tx, null, anyMerchant -> null).profile();
        }
        return profile;
    }

    /** {@code count} transactions of {@code amountMinor} at home, one a day from MIDNIGHT. */
    public static List<Transaction> dailyHistory(int count, long amountMinor) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(day -> tx("tx-day-" + day, amountMinor, HOME, MIDNIGHT.plus(Duration.ofDays(day))))
                .toList();
    }
}
