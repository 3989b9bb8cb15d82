package dev.vigil.ingest.validation;

/**
 * One reason a request was refused: which field (a path such as {@code transactions[3].amount})
 * and why, in words that never repeat the submitted value.
 */
public record FieldError(String field, String reason) {
}
