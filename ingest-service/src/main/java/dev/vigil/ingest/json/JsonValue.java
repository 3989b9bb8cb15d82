package dev.vigil.ingest.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed JSON value that keeps what validation needs and Jackson's tree loses: the exact text of
 * numbers (to refuse exponent form in amounts) and the names that appeared more than once in an
 * object. The {@code toString} of texts and numbers never shows their content, so a card number
 * cannot reach a log through a stray {@code toString}.
 */
public sealed interface JsonValue {

    /** What a field must be, in words for an error message: "a string", "a number"... */
    String kind();

    record Text(String value) implements JsonValue {
        @Override
        public String kind() {
            return "a string";
        }

        @Override
        public String toString() {
            return "Text[" + value.length() + " chars]";
        }
    }

    /** A number exactly as written, e.g. {@code 12.30} or {@code 1e3}. */
    record Number(String literal) implements JsonValue {
        @Override
        public String kind() {
            return "a number";
        }

        @Override
        public String toString() {
            return "Number[" + literal.length() + " chars]";
        }
    }

    record Bool(boolean value) implements JsonValue {
        @Override
        public String kind() {
            return "a boolean";
        }
    }

    enum Null implements JsonValue {
        INSTANCE;

        @Override
        public String kind() {
            return "null";
        }
    }

    /**
     * @param members  members in the order they appeared; a repeated name keeps its first value
     * @param repeated names that appeared more than once
     */
    record Obj(Map<String, JsonValue> members, Set<String> repeated) implements JsonValue {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
            repeated = Set.copyOf(repeated);
        }

        @Override
        public String kind() {
            return "an object";
        }
    }

    record Array(List<JsonValue> elements) implements JsonValue {
        public Array {
            elements = List.copyOf(elements);
        }

        @Override
        public String kind() {
            return "an array";
        }
    }
}
