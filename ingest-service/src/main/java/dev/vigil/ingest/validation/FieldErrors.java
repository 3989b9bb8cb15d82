package dev.vigil.ingest.validation;

import dev.vigil.problems.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects the errors of one request, so all of them are reported at once. Not thread-safe. */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String reason) {
        errors.add(new FieldError(field, reason));
    }

    public int count() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** The value when nothing was wrong, else the errors. */
    public <T> Validation<T> toValidation(Supplier<T> value) {
        return errors.isEmpty() ? Validation.valid(value.get()) : Validation.invalid(errors);
    }
}
