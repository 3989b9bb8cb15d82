package dev.vigil.scorer;

/**
 * The cause named in the dead letter of a transaction whose (card, id) was scored before with other
 * content. Never thrown: it names the failure in the headers and the metrics. No record content.
 */
final class ConflictingTransactionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConflictingTransactionException() {
        super(CardScorer.CONFLICT, null, false, false);
    }
}
