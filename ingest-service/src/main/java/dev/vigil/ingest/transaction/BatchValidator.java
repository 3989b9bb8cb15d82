package dev.vigil.ingest.transaction;

import static dev.vigil.ingest.validation.ObjectFields.Presence.REQUIRED;

import dev.vigil.ingest.json.JsonValue;
import dev.vigil.ingest.validation.FieldErrors;
import dev.vigil.ingest.validation.ObjectFields;
import dev.vigil.ingest.validation.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates {@code {"transactions": [...]}}: every element as {@link TransactionValidator} does,
 * errors named {@code transactions[i].field}. The batch is all or nothing, so one bad element
 * makes the whole batch invalid.
 */
final class BatchValidator {

    static final String FIELD = "transactions";

    private final TransactionValidator transactions;
    private final int maxSize;

    BatchValidator(TransactionValidator transactions, int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be positive: " + maxSize);
        }
        this.transactions = transactions;
        this.maxSize = maxSize;
    }

    Validation<List<TransactionRequest>> validate(JsonValue body, Instant now) {
        FieldErrors errors = new FieldErrors();
        ObjectFields in = ObjectFields.open(body, "", Set.of(FIELD), Set.of(), errors);
        JsonValue list = in == null ? null : in.raw(FIELD, REQUIRED);
        if (list == null) {
            return Validation.invalid(errors.list());
        }
        if (!(list instanceof JsonValue.Array)) {
            in.reject(FIELD, "must be an array, not " + list.kind());
            return Validation.invalid(errors.list());
        }
        List<JsonValue> elements = ((JsonValue.Array) list).elements();
        if (elements.isEmpty() || elements.size() > maxSize) {
            // an oversized batch is refused before its elements cost any work
            in.reject(FIELD, "must hold 1 to " + maxSize + " transactions");
            return Validation.invalid(errors.list());
        }
        List<TransactionRequest> requests = new ArrayList<>(elements.size());
        Map<IdempotencyCache.Key, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < elements.size(); i++) {
            String path = FIELD + "[" + i + "]";
            TransactionRequest request = transactions.read(elements.get(i), path, now, errors);
            if (request == null) {
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(IdempotencyCache.Key.of(request), i);
            if (earlier != null) {
                errors.add(
                        path + ".transactionId",
                        "repeats the transactionId of " + FIELD + "[" + earlier + "] for the same bank");
            }
            requests.add(request);
        }
        return errors.toValidation(() -> requests);
    }
}
