package dev.vigil.alerts.disposition;

import dev.vigil.alerts.http.ProblemException;
import dev.vigil.card.CardNumbers;
import dev.vigil.problems.FieldError;
import dev.vigil.problems.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/v1/alerts/{id}/disposition}: the verdict, an optional note, and the
 * alert version the analyst saw. Who decided comes from the bearer token, not from the body.
 */
public record DispositionRequest(String disposition, String note, Integer version) {

    static final int MAX_ANALYST_LENGTH = 64;
    static final int MAX_NOTE_LENGTH = 500;

    /** A checked decision, or a 400 naming every bad field (never echoing a value). */
    record Checked(Disposition disposition, String analyst, String note, int version) {}

    Checked check(String analyst) {
        List<FieldError> errors = new ArrayList<>();
        Disposition verdict = null;
        if (disposition == null) {
            errors.add(new FieldError("disposition", "is required"));
        } else {
            try {
                verdict = Disposition.valueOf(disposition);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("disposition", "must be CONFIRMED_FRAUD, FALSE_POSITIVE or REOPEN"));
            }
        }
        if (analyst == null
                || analyst.isBlank()
                || analyst.length() > MAX_ANALYST_LENGTH
                || hasControlCharacters(analyst)
                || CardNumbers.appearIn(analyst)) {
            throw new ProblemException(Problem.of(
                    403,
                    "Forbidden",
                    "the token's subject must be 1 to " + MAX_ANALYST_LENGTH
                            + " printable characters, with no card number, to sign a decision"));
        }
        if (note != null && (note.length() > MAX_NOTE_LENGTH || hasControlCharacters(note.replace('\n', ' ')))) {
            errors.add(new FieldError(
                    "note", "must be at most " + MAX_NOTE_LENGTH + " characters, without control characters"));
        } else if (CardNumbers.appearIn(note)) {
            errors.add(new FieldError("note", CardNumbers.REASON));
        }
        if (version == null || version < 0) {
            errors.add(new FieldError("version", "is required: the alert version the decision was made on"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return new Checked(verdict, analyst.strip(), note == null || note.isBlank() ? null : note.strip(), version);
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
