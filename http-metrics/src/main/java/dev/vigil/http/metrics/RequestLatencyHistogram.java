package dev.vigil.http.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes {@code http.server.requests} as a histogram with fixed buckets, so Prometheus can
 * compute the p99 of a request across instances ({@code histogram_quantile}); Quarkus exports
 * only count and sum by default. The buckets bracket both services' requests: a few milliseconds
 * normally (an acknowledgement from the broker, a query of the alert store by index), seconds
 * when the broker is slow or the database busy.
 */
@Singleton
public class RequestLatencyHistogram implements MeterFilter {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(
                        millis(2),
                        millis(5),
                        millis(10),
                        millis(25),
                        millis(50),
                        millis(100),
                        millis(250),
                        millis(500),
                        millis(1000),
                        millis(2500),
                        millis(5000),
                        millis(10_000))
                .build()
                .merge(config);
    }

    private static double millis(long value) {
        return Duration.ofMillis(value).toNanos();
    }
}
