package dev.vigil.schemas;

import dev.vigil.events.Label;
import dev.vigil.events.LabelSource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of a {@link dev.vigil.events.TransactionLabel}: a name-based UUID of bank, transaction,
 * label and source, so a label sent twice keeps its id whichever way it went (ingest over HTTP, the
 * load generator straight to Kafka) and readers can drop the copy. The parts cannot contain a line
 * break (identifiers, enum names), so joining them with one is unambiguous.
 */
public final class LabelIds {

    private LabelIds() {}

    public static String of(String bankId, String transactionId, Label label, LabelSource source) {
        String name = String.join("\n", bankId, transactionId, label.name(), source.name());
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
