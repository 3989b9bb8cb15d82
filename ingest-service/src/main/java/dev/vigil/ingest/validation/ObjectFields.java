package dev.vigil.ingest.validation;

import dev.vigil.ingest.json.JsonValue;
import dev.vigil.problems.UnknownParameters;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to the members of one JSON object, recording an error for every member that is
 * unknown, owned by the server, repeated, missing or of the wrong JSON type. The getters return
 * {@code null} when the member is absent or unusable, so the caller checks only what is there.
 */
public final class ObjectFields {

    private final Map<String, JsonValue> members;
    private final String path;
    private final FieldErrors errors;

    private ObjectFields(Map<String, JsonValue> members, String path, FieldErrors errors) {
        this.members = members;
        this.path = path;
        this.errors = errors;
    }

    /**
     * Opens {@code value} as an object whose members may only be {@code known}; members in
     * {@code serverOwned} are refused as such. Returns {@code null} (with an error) when
     * {@code value} is not an object.
     *
     * @param path prefix of the field names in errors: {@code ""} for the body itself,
     *             {@code "transactions[3]"} for an element
     */
    public static ObjectFields open(
            JsonValue value, String path, Set<String> known, Set<String> serverOwned, FieldErrors errors) {
        if (!(value instanceof JsonValue.Obj)) {
            errors.add(path.isEmpty() ? "body" : path, "must be a JSON object, not " + value.kind());
            return null;
        }
        JsonValue.Obj obj = (JsonValue.Obj) value;
        ObjectFields fields = new ObjectFields(obj.members(), path, errors);
        for (String name : obj.members().keySet()) {
            if (serverOwned.contains(name)) {
                errors.add(fields.field(name), "is set by the server and must not be sent");
            } else if (!known.contains(name)) {
                // names are repeated back only when plain (the rule of unknown query parameters too)
                if (UnknownParameters.shown(name).equals(name)) {
                    errors.add(fields.field(name), "is not a known field");
                } else {
                    errors.add(
                            fields.field("<unnamed>"),
                            "an unknown field whose name is not shown"
                                    + " (field names are letters, digits and underscores)");
                }
            }
        }
        obj.repeated().stream()
                .filter(known::contains)
                .sorted()
                .forEach(name -> errors.add(fields.field(name), "appears more than once"));
        return fields;
    }

    /** The full name of a member in errors, e.g. {@code transactions[3].amount}. */
    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public void reject(String name, String reason) {
        errors.add(field(name), reason);
    }

    /** True when the member is there and not {@code null}. */
    public boolean present(String name) {
        JsonValue value = members.get(name);
        return value != null && value != JsonValue.Null.INSTANCE;
    }

    /** A JSON string member. */
    public String text(String name, Presence presence) {
        return scalar(name, presence, true, false);
    }

    /** A JSON number member, as its literal. */
    public String number(String name, Presence presence) {
        return scalar(name, presence, false, true);
    }

    /** A member that may be a JSON string or a JSON number: its text or literal. */
    public String textOrNumber(String name, Presence presence) {
        return scalar(name, presence, true, true);
    }

    private String scalar(String name, Presence presence, boolean text, boolean number) {
        JsonValue value = member(name, presence);
        if (value == null) {
            return null;
        }
        if (text && value instanceof JsonValue.Text) {
            return ((JsonValue.Text) value).value();
        }
        if (number && value instanceof JsonValue.Number) {
            return ((JsonValue.Number) value).literal();
        }
        String expected = text && number ? "a string or a number" : text ? "a string" : "a number";
        reject(name, "must be " + expected + ", not " + value.kind());
        return null;
    }

    /**
     * The value of a check on member {@code name}, or {@code null} with its problem recorded;
     * {@code null} when there was nothing to check (the member was absent or of the wrong type).
     */
    public <T> T accept(String name, Checked<T> checked) {
        if (checked == null) {
            return null;
        }
        if (!checked.isOk()) {
            reject(name, checked.problem());
        }
        return checked.value();
    }

    /** The raw member, e.g. an array; {@code null} when absent. */
    public JsonValue raw(String name, Presence presence) {
        return member(name, presence);
    }

    private JsonValue member(String name, Presence presence) {
        if (present(name)) {
            return members.get(name);
        }
        if (presence == Presence.REQUIRED) {
            reject(name, "is required");
        }
        return null;
    }

    /** Whether a member must be there (and not null). */
    public enum Presence {
        REQUIRED,
        OPTIONAL
    }
}
