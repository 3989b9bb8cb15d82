package dev.vigil.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A bank's cards with a normal history and then one obvious fraud each: {@code history} ordinary
 * purchases an hour apart at home, then one large online purchase abroad. Rounds are interleaved
 * across cards, as a live stream would be.
 *
 * @param transactions ingest request bodies, in sending order
 * @param frauds       the ids of the fraudulent ones
 */
record CardStream(List<Map<String, Object>> transactions, Set<String> frauds) {

    static CardStream of(String bank, int cards, int history) {
        return of(bank, 0, cards, history);
    }

    /** As {@link #of(String, int, int)}, with the cards numbered from {@code firstCard}, so two streams share no card. */
    static CardStream of(String bank, int firstCard, int cards, int history) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(history + 2));
        List<Map<String, Object>> stream = new ArrayList<>();
        Set<String> frauds = new HashSet<>();
        for (int round = 0; round <= history; round++) {
            for (int card = firstCard; card < firstCard + cards; card++) {
                String id = "tx-" + round + "-" + card + "-" + UUID.randomUUID();
                Instant at = start.plus(Duration.ofHours(round)).plusSeconds(10L * (card - firstCard));
                if (round < history) {
                    stream.add(Http.transaction(
                            id,
                            bank,
                            pan(card),
                            (15 + (card + round) % 20) + ".90",
                            "m-local-" + round % 3,
                            "5411",
                            "DE",
                            "CARD_PRESENT",
                            at));
                } else {
                    stream.add(Http.transaction(
                            id, bank, pan(card), "1899.00", "m-far-away", "5732", "US", "CARD_NOT_PRESENT", at));
                    frauds.add(id);
                }
            }
        }
        return new CardStream(List.copyOf(stream), Set.copyOf(frauds));
    }

    /** The stream in consecutive batches of at most {@code size}. */
    List<List<Map<String, Object>>> batches(int size) {
        return batches(transactions, size);
    }

    /** {@code transactions} in consecutive batches of at most {@code size}. */
    static List<List<Map<String, Object>>> batches(List<Map<String, Object>> transactions, int size) {
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int i = 0; i < transactions.size(); i += size) {
            batches.add(transactions.subList(i, Math.min(i + size, transactions.size())));
        }
        return batches;
    }

    /** A Luhn-valid test card number per card index. */
    static String pan(int card) {
        return CardNumbersInLogs.withCheckDigit(String.format(Locale.ROOT, "400000%09d", 100_000 + card));
    }

    /** The card numbers the stream sends: none of them may show anywhere past the ingest endpoint. */
    Set<String> pans() {
        return transactions.stream()
                .map(transaction -> (String) transaction.get("pan"))
                .collect(Collectors.toSet());
    }

    /** The ordinary history: every transaction but the frauds. */
    List<Map<String, Object>> history() {
        return transactions.stream()
                .filter(transaction -> !frauds.contains(id(transaction)))
                .toList();
    }

    /** The frauds' requests, in sending order. */
    List<Map<String, Object>> fraudulent() {
        return transactions.stream()
                .filter(transaction -> frauds.contains(id(transaction)))
                .toList();
    }

    static String id(Map<String, Object> transaction) {
        return (String) transaction.get("transactionId");
    }
}
