package dev.vigil.alerts.sink;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the sink holds partitions of {@code fraud-alerts} and reads and stores them; not while it
 * has none (starting, rebalancing, a lost session) or waits for the database or the registry.
 */
@Readiness
@ApplicationScoped
class SinkReadiness implements HealthCheck {

    private final AlertSink sink;

    SinkReadiness(AlertSink sink) {
        this.sink = sink;
    }

    @Override
    public HealthCheckResponse call() {
        SinkStatus.Snapshot status = sink.status();
        return HealthCheckResponse.named("alert-sink")
                .status(status.state() == SinkStatus.State.UP)
                .withData("state", status.state().name())
                .withData("detail", status.detail())
                .build();
    }
}
