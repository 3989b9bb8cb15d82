package dev.vigil.loadgen.scenario;

import java.util.Locale;

/** The kinds of fraud the simulator plays; a genuine transaction has none. */
public enum Scenario {
    /** Bursts of tiny amounts at online merchants the card never used, to see which cards work. */
    CARD_TESTING,
    /** Sudden high spending in a country the cardholder never bought in. */
    ACCOUNT_TAKEOVER,
    /** A card-present purchase far away minutes after a genuine one at home: a cloned or stolen card. */
    IMPOSSIBLE_TRAVEL,
    /** Cards that bought at a breached merchant are used later elsewhere, for ordinary amounts. */
    COMPROMISED_MERCHANT,
    /** One purchase far above the cardholder's usual amount, at home, in a category they know. */
    HIGH_AMOUNT,
    /** Not simulated: a fraud labelled in a replayed file. */
    LABELLED;

    /** The option-style name, {@code card-testing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
