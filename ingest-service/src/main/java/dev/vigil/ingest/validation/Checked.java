package dev.vigil.ingest.validation;

/** A value that passed one rule, or the reason it did not. */
public record Checked<T>(T value, String problem) {

    public Checked {
        if ((value == null) == (problem == null)) {
            throw new IllegalArgumentException("a check has either a value or a problem");
        }
    }

    public static <T> Checked<T> ok(T value) {
        return new Checked<>(value, null);
    }

    public static <T> Checked<T> fail(String problem) {
        return new Checked<>(null, problem);
    }

    public boolean isOk() {
        return problem == null;
    }
}
