package dev.vigil.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a request body into a {@link JsonValue} with Jackson's streaming parser, bounded in
 * nesting depth. Thread-safe.
 */
public final class JsonReader {

    private final JsonFactory factory;
    private final int maxDepth;

    public JsonReader(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
        }
        this.maxDepth = maxDepth;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .build())
                // locations carry line and column only, never a copy of the body
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** The single JSON value of {@code body}; anything after it is an error. */
    public JsonValue read(byte[] body) throws MalformedJsonException {
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException("the request body is empty");
            }
            JsonValue value = readValue(parser);
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("unexpected content after the JSON value at " + where(parser));
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new MalformedJsonException("JSON is nested deeper than " + maxDepth + " levels");
        } catch (JsonParseException e) {
            throw new MalformedJsonException(
                    "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonValue readValue(JsonParser parser) throws IOException, MalformedJsonException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY:
                List<JsonValue> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(readValue(parser));
                }
                return new JsonValue.Array(elements);
            case VALUE_STRING:
                return new JsonValue.Text(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                // the streaming parser's text of a number is the literal as written
                return new JsonValue.Number(parser.getText());
            case VALUE_TRUE:
                return new JsonValue.Bool(true);
            case VALUE_FALSE:
                return new JsonValue.Bool(false);
            case VALUE_NULL:
                return JsonValue.Null.INSTANCE;
            default:
                throw new MalformedJsonException("unexpected " + token + " at " + where(parser));
        }
    }

    private static JsonValue readObject(JsonParser parser) throws IOException, MalformedJsonException {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        Set<String> repeated = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            JsonValue value = readValue(parser);
            if (members.putIfAbsent(name, value) != null) {
                repeated.add(name);
            }
        }
        return new JsonValue.Obj(members, repeated);
    }

    private static String where(JsonParser parser) {
        return "line " + parser.currentLocation().getLineNr() + ", column "
                + parser.currentLocation().getColumnNr();
    }
}
