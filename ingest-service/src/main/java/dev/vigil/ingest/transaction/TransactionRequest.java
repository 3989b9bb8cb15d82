package dev.vigil.ingest.transaction;

import dev.vigil.events.Channel;
import dev.vigil.ingest.card.CardNumber;
import java.time.OffsetDateTime;

/**
 * A transaction that passed validation, still holding the card number (hidden by its
 * {@code toString}); it is tokenised before anything leaves the request.
 *
 * @param latitude  with {@code longitude}, both or neither
 */
record TransactionRequest(
        String transactionId,
        String bankId,
        CardNumber card,
        long amountMinor,
        String currency,
        String merchantId,
        String mcc,
        String merchantCountry,
        String terminalId,
        Channel channel,
        Double latitude,
        Double longitude,
        OffsetDateTime timestamp) {}
