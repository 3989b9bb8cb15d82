package dev.vigil.ingest.kafka;

import dev.vigil.ingest.IngestConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the brokers the producer writes to answer a describe-cluster request within the
 * producer's own blocking bound: one small request, no record written. Not ready means requests
 * would answer 503, so a load balancer should send them elsewhere.
 */
@Readiness
@Singleton
public class BrokerReadinessCheck implements HealthCheck {

    private final Admin admin;
    private final int timeoutMs;

    BrokerReadinessCheck(
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, IngestConfig config) {
        Map<String, Object> settings = KafkaClients.common(bootstrapServers, "readiness");
        // With the default (rebootstrap), Kafka 4.1's admin client re-bootstraps in a tight loop
        // while no broker answers: hundreds of log lines a second during an outage.
        settings.put(AdminClientConfig.METADATA_RECOVERY_STRATEGY_CONFIG, "none");
        this.admin = Admin.create(settings);
        this.timeoutMs = (int) config.kafka().maxBlock().toMillis();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                    .nodes()
                    .get(timeoutMs + 500L, TimeUnit.MILLISECONDS)
                    .size();
            return HealthCheckResponse.named("kafka")
                    .up()
                    .withData("brokers", brokers)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (ExecutionException e) {
            return down(e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            return down(e);
        }
    }

    private static HealthCheckResponse down(Throwable error) {
        return HealthCheckResponse.named("kafka")
                .down()
                .withData("error", error.getClass().getSimpleName())
                .build();
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
