package dev.vigil.alerts.disposition;

import dev.vigil.alerts.query.AlertStatus;
import dev.vigil.events.Label;

/** An analyst's verdict on an alert, and the label it teaches the trainer. */
enum Disposition {
    CONFIRMED_FRAUD(AlertStatus.CONFIRMED_FRAUD, Label.FRAUD),
    FALSE_POSITIVE(AlertStatus.FALSE_POSITIVE, Label.GENUINE);

    final AlertStatus status;
    final Label label;

    Disposition(AlertStatus status, Label label) {
        this.status = status;
        this.label = label;
    }
}
