package dev.vigil.features.rules;

/**
 * Stable codes of the reasons behind a score, each with a sentence for people; alerts, dashboards
 * and analysts key on the code. Rules and models share them, so a reason means the same thing
 * whichever scorer gave it. Codes are only ever added, never renamed.
 */
public enum ReasonCode {
    AMOUNT_FAR_ABOVE_USUAL("Amount is far above this card's usual spending"),
    BURST_OF_TRANSACTIONS("Many transactions on this card in a short time"),
    NEW_COUNTRY_FOR_CARD("First use of this card in the merchant's country"),
    IMPOSSIBLE_TRAVEL("Too far from the card's previous location for the time elapsed"),
    RISKY_MERCHANT("Merchant has had a high rate of fraud lately"),
    NIGHT_TIME("Transaction at night in the card holder's local time"),
    WEEKEND("Transaction at the weekend in the card holder's local time"),
    NEW_MERCHANT_FOR_CARD("First use of this card at this merchant"),
    NEW_MCC_FOR_CARD("First use of this card in this kind of shop"),
    CARD_NOT_PRESENT("Card not present (online or phone)"),
    HIGH_SPEND_VELOCITY("Unusually high spending on this card over recent hours or days"),
    UNUSUAL_PATTERN("Unusual combination of this card's activity"),
    MERCHANT_OUTSIDE_CARD_COUNTRY("Merchant is outside the country that issued the card"),
    COMMON_POINT_OF_PURCHASE(
            "Card recently bought at a merchant where many of the cards that bought there were defrauded afterwards"
                    + " (a likely breach)");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    /** A sentence for people; never holds card data. */
    public String description() {
        return description;
    }
}
