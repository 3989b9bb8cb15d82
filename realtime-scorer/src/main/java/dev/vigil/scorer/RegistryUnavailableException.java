package dev.vigil.scorer;

import dev.vigil.schemas.SerdeFailures;

/**
 * The schema registry could not be asked (unreachable, timing out, failing with 5xx). Transient:
 * the record is fine and must be scored once the registry answers, so this fails the stream
 * thread instead of dead-lettering. Its message names no record content.
 */
final class RegistryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RegistryUnavailableException(Throwable cause) {
        super(
                "schema registry unavailable ("
                        + SerdeFailures.root(cause).getClass().getName()
                        + "); the record will be read again when the stream thread is replaced",
                cause);
    }
}
