package dev.vigil.scorer;

import com.microsoft.kiota.ApiException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a record that cannot be read (poison: dead-letter it) from a registry that cannot be
 * asked (transient: retry). The Apicurio serde wraps both in plain runtime exceptions, so the
 * cause chain decides: network failures ({@code java.net} I/O errors, time-outs) and 5xx/429
 * answers are transient; a 404 for the schema id, a missing magic byte or an Avro decoding error
 * is a fact about the record.
 */
final class Failures {

    private Failures() {
    }

    static boolean isRegistryUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getClass().getName().startsWith("java.net.")) {
                return true;
            }
            if (t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof ApiException api && (api.getResponseStatusCode() >= 500 || api.getResponseStatusCode() == 429)) {
                return true;
            }
        }
        return false;
    }

    static boolean isUnknownSchema(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api && api.getResponseStatusCode() == 404) {
                return true;
            }
        }
        return false;
    }

    static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
