package dev.vigil.alerts;

import dev.vigil.events.Alert;
import dev.vigil.events.Channel;
import dev.vigil.events.Decision;
import dev.vigil.events.Reason;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Alerts as the scorer writes them, for a bank of the test's own. */
public final class AlertFixtures {

    public static final Instant NINE_FIFTEEN = Instant.parse("2026-11-22T09:15:30Z");

    private AlertFixtures() {}

    public static String newBank() {
        return "bank-" + UUID.randomUUID();
    }

    public static Alert alert(String bank, String transactionId, Instant eventTime, double score) {
        return Alert.newBuilder()
                .setAlertId("alert-" + bank + "-" + transactionId)
                .setBankId(bank)
                .setTransactionId(transactionId)
                .setCardToken("tok-" + bank)
                .setCardBin("411111")
                .setCardLast4("1111")
                .setAmountMinor(245_000)
                .setCurrency("EUR")
                .setMerchantId("m-electronics-77")
                .setMcc("5732")
                .setMerchantCountry("BR")
                .setChannel(Channel.CARD_NOT_PRESENT)
                .setEventTime(eventTime)
                .setScore(score)
                .setDecision(Decision.DECLINE)
                .setReasons(List.of(new Reason("AMOUNT_FAR_ABOVE_USUAL", "amount far above the card's usual", 0.75)))
                .setModelVersion("rules-v1")
                .setScoredAt(eventTime.plusMillis(40))
                .build();
    }
}
