package dev.vigil.alerts.query;

import java.util.List;

/** One page of alerts, newest first; {@code nextCursor} is null on the last page. */
public record AlertPage(List<AlertView> items, String nextCursor) {}
