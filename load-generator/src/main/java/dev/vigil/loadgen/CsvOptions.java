package dev.vigil.loadgen;

import dev.vigil.cli.DurationConverter;
import dev.vigil.loadgen.replay.CsvMapping;
import dev.vigil.loadgen.replay.CsvTransactions;
import dev.vigil.loadgen.replay.ReplayPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import picocli.CommandLine.Option;

/** What {@code replay} and {@code import} share: the file, which column holds what, and what the file does not say. */
final class CsvOptions {

    @Option(names = "--csv", required = true, description = "the CSV file (header line first)")
    Path csv;

    @Option(
            names = "--id-column",
            defaultValue = "id",
            description = "column of the transaction id (default: ${DEFAULT-VALUE})")
    String idColumn;

    @Option(
            names = "--timestamp-column",
            defaultValue = "timestamp",
            description =
                    "column of the event time: ISO-8601, or epoch seconds or milliseconds (default: ${DEFAULT-VALUE})")
    String timestampColumn;

    @Option(
            names = "--card-column",
            defaultValue = "card",
            description = "column of the card or customer id (default: ${DEFAULT-VALUE})")
    String cardColumn;

    @Option(
            names = "--merchant-column",
            defaultValue = "merchant",
            description = "column of the merchant or terminal id (default: ${DEFAULT-VALUE})")
    String merchantColumn;

    @Option(
            names = "--amount-column",
            defaultValue = "amount",
            description = "column of the amount, in major units, zero or more; more decimals than the currency has are "
                    + "rounded half-even (default: ${DEFAULT-VALUE})")
    String amountColumn;

    @Option(
            names = "--label-column",
            description = "column of the fraud label (1/0, true/false, fraud/genuine, yes/no); none by default")
    String labelColumn;

    @Option(
            names = "--bank",
            defaultValue = "bank-replay",
            description = "bank id of every transaction (default: ${DEFAULT-VALUE})")
    String bank;

    @Option(
            names = "--currency",
            defaultValue = "EUR",
            description = "currency of every amount, with at most 2 decimals (default: ${DEFAULT-VALUE})")
    String currency;

    @Option(
            names = "--mcc",
            defaultValue = "5999",
            description = "merchant category of every transaction (default: ${DEFAULT-VALUE})")
    String mcc;

    @Option(
            names = "--country",
            defaultValue = "DE",
            description = "merchant country of every transaction (default: ${DEFAULT-VALUE})")
    String country;

    @Option(
            names = "--card-present",
            description = "send them as card-present (default: card-not-present, as no coordinates are known)")
    boolean cardPresent;

    @Option(
            names = "--max-out-of-order",
            defaultValue = "1h",
            converter = DurationConverter.class,
            description = "rows are taken in file order; one whose event time goes back further than this behind an "
                    + "earlier row is a bad row (default: ${DEFAULT-VALUE})")
    Duration maxOutOfOrder;

    CsvTransactions open(String labelTimeColumn) throws IOException {
        if (maxOutOfOrder.isNegative()) {
            throw new IllegalArgumentException("--max-out-of-order must not be negative");
        }
        return CsvTransactions.open(
                csv,
                new CsvMapping(
                        idColumn,
                        timestampColumn,
                        cardColumn,
                        merchantColumn,
                        amountColumn,
                        labelColumn,
                        labelTimeColumn),
                currencyDecimals(),
                maxOutOfOrder);
    }

    ReplayPlan plan(String idPrefix) {
        return new ReplayPlan(idPrefix, new ReplayPlan.Fields(bank, currency, mcc, country, cardPresent));
    }

    private int currencyDecimals() {
        try {
            int decimals = Currency.getInstance(currency).getDefaultFractionDigits();
            if (decimals >= 0 && decimals <= 2) {
                return decimals;
            }
        } catch (IllegalArgumentException unknown) {
            // reported below
        }
        throw new IllegalArgumentException("--currency must be an ISO 4217 code with 0 to 2 decimals, such as EUR");
    }
}
