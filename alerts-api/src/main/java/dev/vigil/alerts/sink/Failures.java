package dev.vigil.alerts.sink;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * A deserialization failure is either a fact about the record (poison: dead-letter it) or the
 * registry not answering (transient: read the batch again later). The Apicurio serde wraps both
 * in runtime exceptions, so the cause chain tells them apart.
 */
final class Failures {

    private Failures() {
    }

    /** Whether anything in the chain is a network failure or a time-out, i.e. worth a retry. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            boolean network = t instanceof IOException && t.getClass().getName().startsWith("java.net");
            if (network || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
