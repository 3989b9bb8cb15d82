package dev.vigil.stack.testing;

import dev.vigil.stack.DemoTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A key pair of the test's own (made in a temporary directory, never committed) that the
 * application verifies bearer tokens with; {@link #tokens()} signs with it. Both services read
 * the key from {@code mp.jwt.verify.publickey.location}.
 */
public final class JwtKeysResource implements QuarkusTestResourceLifecycleManager {

    private static final String DIR_PROPERTY = "vigil.test.jwt.dir";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("vigil-jwt");
            System.setProperty(DIR_PROPERTY, dir.toString());
            return Map.of(
                    "mp.jwt.verify.publickey.location",
                    DemoTokens.in(dir).publicKeyFile().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tokens signed with the key the application under test verifies with. */
    public static DemoTokens tokens() {
        return DemoTokens.in(Path.of(System.getProperty(DIR_PROPERTY)));
    }

    @Override
    public void stop() {}
}
