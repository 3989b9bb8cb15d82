package dev.vigil.alerts.ratelimit;

import dev.vigil.alerts.AlertsConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the {@link RateLimiter} from {@code vigil.alerts.rate-limit.*} and the system's monotonic clock. */
@Singleton
class RateLimits {

    @Produces
    @DefaultBean
    @Singleton
    NanoClock systemClock() {
        return System::nanoTime;
    }

    @Produces
    @Singleton
    RateLimiter limiter(AlertsConfig config, NanoClock clock) {
        AlertsConfig.RateLimit limit = config.rateLimit();
        return new RateLimiter(limit.requestsPerSecond(), limit.burst(), limit.maxClients(), clock);
    }
}
