package dev.vigil.features.model;

/** A {@code ModelBundle} that cannot be evaluated safely; the message says which part and why. */
public final class InvalidModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidModelException(String modelVersion, String problem) {
        super("model " + modelVersion + " refused: " + problem);
    }
}
