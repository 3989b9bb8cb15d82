package dev.vigil.scorer;

import dev.vigil.schemas.SerdeFailures;
import dev.vigil.schemas.TopicSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** What Quarkus' Kafka Streams extension runs: the topology, and what to do when a stream thread fails. */
@ApplicationScoped
class ScorerBeans {

    private static final Logger LOG = Logger.getLogger(ScorerBeans.class);

    // @Singleton, not a normal scope: Kafka Streams reads the Topology's fields, which a client proxy would hide
    @Produces
    @Singleton
    Topology topology(
            ScorerConfig config,
            @ConfigProperty(name = "apicurio.registry.url") String registryUrl,
            @ConfigProperty(name = "quarkus.kafka-streams.application-id") String applicationId,
            MeterRegistry meters) {
        // the scorer is the producer of alerts, so it registers the Alert schema if the registry lacks it
        return ScoringTopology.build(
                new TopicSerdes(registryUrl, true), config.settings(applicationId), meters, Clock.systemUTC());
    }

    /**
     * A registry outage fails the stream thread ({@link TransactionReader}); replacing the thread
     * aborts its transaction and reads the same records again, which retries until the registry is
     * back without losing or dead-lettering good records. Anything else is a bug or a broken
     * store: stop this instance, so health turns DOWN, rather than loop on it.
     */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler streamThreadFailures() {
        return failure -> {
            if (SerdeFailures.isRegistryUnavailable(failure) || causedByRegistryOutage(failure)) {
                LOG.warnf(
                        "stream thread failed: %s; replacing it to retry",
                        SerdeFailures.root(failure).getClass().getName());
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.errorf(failure, "stream thread failed; shutting the Kafka Streams client down");
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        };
    }

    private static boolean causedByRegistryOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RegistryUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
