package dev.vigil.schemas;

import com.microsoft.kiota.ApiException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that cannot be read (poison: dead-letter it) from a registry that cannot be asked
 * (an outage: read the record again later), for every reader of a topic. The Apicurio serde wraps
 * both in plain runtime exceptions, so the cause chain decides: network failures ({@code java.net}
 * I/O errors), time-outs and 5xx/429 answers are outages; a 404 for the schema id, a missing magic
 * byte or an Avro decoding error is a fact about the record.
 */
public final class SerdeFailures {

    private SerdeFailures() {}

    public static boolean isRegistryUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof IOException && t.getClass().getName().startsWith("java.net.")) {
                return true;
            }
            if (t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof ApiException api
                    && (api.getResponseStatusCode() >= 500 || api.getResponseStatusCode() == 429)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUnknownSchema(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ApiException api && api.getResponseStatusCode() == 404) {
                return true;
            }
        }
        return false;
    }

    public static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
