package dev.vigil.stack.testing;

import dev.vigil.stack.LocalStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at {@link LocalStack#forTests()}:
 * {@code @WithTestResource(LocalStackResource.class)}.
 */
public final class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack stack = LocalStack.forTests();
        return Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "apicurio.registry.url", stack.registryUrl(),
                "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                "quarkus.datasource.username", stack.dbUser(),
                "quarkus.datasource.password", stack.dbPassword());
    }

    /** Nothing: the stack is shared by every test of the JVM and stopped when the JVM exits. */
    @Override
    public void stop() {}
}
