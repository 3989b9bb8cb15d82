package dev.vigil.loadgen.replay;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A row of a CSV file that cannot be taken: the file, the line, the column and the reason, never
 * the value (a column may hold card numbers). The reader has moved past it, so a caller may skip it.
 */
public final class BadRow extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Instant eventTime;

    BadRow(Path file, long line, String column, String reason, Instant eventTime) {
        super(file + " line " + line + ": " + (column == null ? "" : "column '" + column + "' ") + reason);
        this.eventTime = eventTime;
    }

    /** The row's event time when it could be read, else {@code null}: which slice of an import the row belongs to. */
    public Instant eventTime() {
        return eventTime;
    }
}
