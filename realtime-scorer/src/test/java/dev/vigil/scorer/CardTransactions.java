package dev.vigil.scorer;

import dev.vigil.events.Transaction;
import java.time.Duration;
import java.time.Instant;

/** Two cards, named moments and transactions on the cards, for scripted histories. */
final class CardTransactions {

    static final String CARD = "tok-card-alice";
    static final String OTHER_CARD = "tok-card-bob";
    static final Instant MIDNIGHT = Instant.parse("2026-11-22T00:00:00Z");
    static final Instant ONE_MINUTE_LATER = MIDNIGHT.plus(Duration.ofMinutes(1));
    /** When the fixed test clock says every score was made. */
    static final Instant SCORED_AT = Instant.parse("2026-11-30T12:00:00Z");

    static final String HOME = "DE";
    static final String ABROAD = "BR";
    /** Ten euros: the card's usual. */
    static final long USUAL_AMOUNT = 1_000;

    private CardTransactions() {}

    static Transaction tx(String card, String id, long amountMinor, String country, Instant at) {
        return dev.vigil.features.CardTransactions.onCard(card, id, amountMinor, country, at);
    }

    static Transaction tx(String id, long amountMinor, String country, Instant at) {
        return tx(CARD, id, amountMinor, country, at);
    }

    /** The card's ordinary week: one usual payment at home each day from MIDNIGHT. */
    static Transaction usualDay(int day) {
        return tx("tx-day-" + day, USUAL_AMOUNT + 50L * (day % 3), HOME, MIDNIGHT.plus(Duration.ofDays(day)));
    }

    static Instant day(int day) {
        return MIDNIGHT.plus(Duration.ofDays(day));
    }
}
