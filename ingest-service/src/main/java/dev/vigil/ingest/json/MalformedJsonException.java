package dev.vigil.ingest.json;

/**
 * The request body is not one well-formed JSON document. The message says where and why in our
 * own words; it never quotes the body (Jackson's own messages do, and the body holds a card number).
 */
public final class MalformedJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String reason) {
        super(reason, null, false, false);
    }
}
