package dev.vigil.alerts.query;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Alerts as the sink stores them for the first time, to every live subscriber of their bank.
 * Subscribers see what is stored while they listen (no replay: the list endpoint covers the past).
 */
@ApplicationScoped
public class AlertFeed {

    private final BroadcastProcessor<AlertView> stored = BroadcastProcessor.create();

    public void publish(AlertView alert) {
        stored.onNext(alert);
    }

    Multi<AlertView> forBank(String bankId) {
        return stored.filter(alert -> alert.bankId().equals(bankId))
                // a slow client must not hold up the sink: one 1000 alerts behind is cut off
                .onOverflow()
                .buffer(1_000);
    }
}
