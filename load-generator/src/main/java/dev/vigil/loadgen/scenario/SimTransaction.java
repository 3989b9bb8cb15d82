package dev.vigil.loadgen.scenario;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One transaction as the simulated bank submits it. It holds the card number because the bank
 * has it; {@link #toString()} hides it.
 *
 * @param latitude  {@code null} for online (card-not-present) purchases, as is longitude
 * @param scenario  {@code null} for a genuine transaction
 */
public record SimTransaction(
        String transactionId,
        String bankId,
        String pan,
        long amountMinor,
        String currency,
        String merchantId,
        String mcc,
        String merchantCountry,
        boolean cardPresent,
        Double latitude,
        Double longitude,
        Instant eventTime,
        Scenario scenario) {

    public boolean isFraud() {
        return scenario != null;
    }

    /** The amount in major units with two decimals, as ingest takes it: {@code 1234} is {@code "12.34"}. */
    public String amount() {
        return BigDecimal.valueOf(amountMinor, 2).toPlainString();
    }

    @Override
    public String toString() {
        return "SimTransaction[" + transactionId + ", " + bankId + ", " + amount() + " " + currency + ", " + merchantId
                + ", " + (scenario == null ? "genuine" : scenario.label()) + "]";
    }
}
