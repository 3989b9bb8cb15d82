package dev.vigil.stack.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Avro parsing and compatibility, with Avro's own parser and {@link SchemaCompatibility}. */
final class AvroSchemas {

    private AvroSchemas() {
    }

    /**
     * Parses {@code content} after the contents it references (dependencies first), with a parser
     * of its own so the named types of one version never leak into another's.
     */
    static Schema parse(String content, List<String> referencedContents) {
        Schema.Parser parser = new Schema.Parser();
        try {
            for (String referenced : referencedContents) {
                parser.parse(referenced);
            }
            return parser.parse(content);
        } catch (AvroRuntimeException e) {
            throw ApiError.ruleViolation("Syntax violation for Avro artifact.",
                    List.of(new ApiError.Cause(String.valueOf(e.getMessage()), "")));
        }
    }

    /**
     * The incompatibilities of {@code proposed} with the existing versions (oldest first) under a
     * COMPATIBILITY rule level. BACKWARD: the proposed schema reads data written with the others;
     * FORWARD: the others read data written with it; FULL: both. Without {@code _TRANSITIVE} only
     * the latest version counts.
     */
    static List<ApiError.Cause> incompatibilities(String level, Schema proposed, List<Schema> existing) {
        if ("NONE".equals(level) || existing.isEmpty()) {
            return List.of();
        }
        List<Schema> against = level.endsWith("_TRANSITIVE") ? existing : List.of(existing.get(existing.size() - 1));
        boolean backward = level.startsWith("BACKWARD") || level.startsWith("FULL");
        boolean forward = level.startsWith("FORWARD") || level.startsWith("FULL");
        List<ApiError.Cause> causes = new ArrayList<>();
        for (Schema other : against) {
            if (backward) {
                causes.addAll(check(proposed, other));
            }
            if (forward) {
                causes.addAll(check(other, proposed));
            }
        }
        return causes.stream().distinct().toList();
    }

    private static List<ApiError.Cause> check(Schema reader, Schema writer) {
        List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        return found.stream().map(i -> new ApiError.Cause(i.getMessage(), i.getLocation())).toList();
    }
}
