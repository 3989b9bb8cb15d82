package dev.vigil.alerts;

import dev.vigil.stack.DemoTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A key pair of the test's own (made in a temporary directory, never committed) that the
 * application verifies bearer tokens with; {@link Tokens} signs with it.
 */
public final class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    static final String DIR_PROPERTY = "vigil.test.jwt.dir";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("vigil-jwt");
            System.setProperty(DIR_PROPERTY, dir.toString());
            return Map.of("mp.jwt.verify.publickey.location", DemoTokens.in(dir).publicKeyFile().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
