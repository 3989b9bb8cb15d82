package dev.vigil.ingest.testing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JSON object written member by member as raw JSON text, so a test can send exactly what a
 * client might: numbers in exponent form, wrong types, repeated or unknown members.
 */
public final class JsonText {

    private final Map<String, String> members;

    private JsonText(Map<String, String> members) {
        this.members = members;
    }

    public static JsonText object() {
        return new JsonText(new LinkedHashMap<>());
    }

    /** A member whose value is the raw JSON {@code json}, e.g. {@code 12.5} or {@code [1]}. */
    public JsonText raw(String name, String json) {
        Map<String, String> copy = new LinkedHashMap<>(members);
        copy.put(name, json);
        return new JsonText(copy);
    }

    /** A member whose value is the JSON string {@code value}. */
    public JsonText text(String name, String value) {
        return raw(name, quote(value));
    }

    public JsonText without(String name) {
        Map<String, String> copy = new LinkedHashMap<>(members);
        copy.remove(name);
        return new JsonText(copy);
    }

    public String render() {
        return members.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    public byte[] bytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }

    public static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
