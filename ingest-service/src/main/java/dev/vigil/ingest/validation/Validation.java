package dev.vigil.ingest.validation;

import dev.vigil.problems.FieldError;
import java.util.List;

/** The result of validating a request: the value when there is no error, else every error found. */
public record Validation<T>(T value, List<FieldError> errors) {

    public Validation {
        errors = List.copyOf(errors);
        if ((value == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a validation has either a value or errors");
        }
    }

    public static <T> Validation<T> valid(T value) {
        return new Validation<>(value, List.of());
    }

    public static <T> Validation<T> invalid(List<FieldError> errors) {
        return new Validation<>(null, errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
