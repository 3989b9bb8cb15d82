package dev.vigil.problems;

/**
 * One part of a request at fault (a body field such as {@code transactions[3].amount}, or a query
 * parameter) and why, in words that never repeat the submitted value.
 */
public record FieldError(String field, String reason) {}
