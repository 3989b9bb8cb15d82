package dev.vigil.alerts.sink;

import dev.vigil.stack.LocalStack;
import dev.vigil.stack.testing.LocalStackResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The local stack, with the application's PostgreSQL reached through a {@link TcpProxy} the test
 * can cut: the stack's database keeps running for everyone else, only this application loses it.
 * The proxy goes into the test's field marked {@link DatabaseProxy}.
 */
public final class DatabaseBehindProxyResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link TcpProxy} field. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface DatabaseProxy {}

    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        String jdbcUrl = LocalStack.forTests().jdbcUrl();
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        proxy = new TcpProxy(new InetSocketAddress(database.getHost(), database.getPort()));
        Map<String, String> config = new HashMap<>(new LocalStackResource().start());
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(DatabaseProxy.class, TcpProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }
}
