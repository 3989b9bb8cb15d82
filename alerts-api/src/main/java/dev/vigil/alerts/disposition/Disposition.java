package dev.vigil.alerts.disposition;

import dev.vigil.alerts.query.AlertStatus;
import dev.vigil.events.Label;

/** An analyst's verdict on an alert, and the label it teaches the trainer (none for a reopen). */
enum Disposition {
    CONFIRMED_FRAUD(AlertStatus.CONFIRMED_FRAUD, Label.FRAUD),
    FALSE_POSITIVE(AlertStatus.FALSE_POSITIVE, Label.GENUINE),
    /** Back to OPEN, for a second look; the next verdict sends its own label. */
    REOPEN(AlertStatus.OPEN, null);

    final AlertStatus status;
    /** {@code null} when the decision teaches nothing */
    final Label label;

    Disposition(AlertStatus status, Label label) {
        this.status = status;
        this.label = label;
    }
}
