package dev.vigil.alerts.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** How many alerts there are per UTC day (of event time) and status, within {@code [from, to)}. */
public record AlertCounts(Instant from, Instant to, List<Count> counts) {

    public record Count(LocalDate day, String status, long alerts) {}
}
