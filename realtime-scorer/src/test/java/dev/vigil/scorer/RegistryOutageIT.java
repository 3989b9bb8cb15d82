package dev.vigil.scorer;

import static dev.vigil.scorer.CardTransactions.CARD;
import static dev.vigil.scorer.CardTransactions.HOME;
import static dev.vigil.scorer.CardTransactions.MIDNIGHT;
import static dev.vigil.scorer.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.schemas.TopicSerdes;
import dev.vigil.stack.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real registry client against a port nothing listens on: what an outage looks like to the
 * scorer. An integration test because it opens sockets; it needs no stack.
 */
class RegistryOutageIT {

    @TempDir
    Path stateDir;

    @Test
    void anUnreachableRegistryFailsTheRecordInsteadOfDeadLetteringIt() throws IOException {
        int closedPort = Ports.free();
        TopicSerdes unreachable = new TopicSerdes("http://127.0.0.1:" + closedPort + "/apis/registry/v3", true);
        try (ScorerDriver scorer = new ScorerDriver(stateDir, unreachable, ScorerDriver.SETTINGS)) {
            byte[] good = scorer.avro(tx("tx-1", 1_000, HOME, MIDNIGHT));

            assertThatThrownBy(
                            () -> scorer.transactions.pipeInput(CARD.getBytes(StandardCharsets.UTF_8), good, MIDNIGHT))
                    .hasStackTraceContaining(RegistryUnavailableException.class.getName());
            assertThat(scorer.deadLetters.isEmpty()).isTrue();
            assertThat(DeadLetterTest.profile(scorer)).isNull();
        }
    }
}
