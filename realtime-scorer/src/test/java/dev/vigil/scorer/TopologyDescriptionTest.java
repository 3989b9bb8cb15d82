package dev.vigil.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.schemas.TopicSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Pins the topology's shape, so a renamed processor, store or sink (and its changelog) shows up here first. */
class TopologyDescriptionTest {

    static final String GOLDEN = "/scoring-topology.txt";

    @Test
    void theTopologyMatchesItsGoldenDescription() throws IOException {
        // building needs no registry: serdes only connect when used
        String actual = ScoringTopology.build(
                        new TopicSerdes("http://127.0.0.1:9/apis/registry/v3", true),
                        ScorerDriver.SETTINGS,
                        new SimpleMeterRegistry(),
                        Clock.systemUTC())
                .describe()
                .toString();
        String expected;
        try (InputStream in = TopologyDescriptionTest.class.getResourceAsStream(GOLDEN)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(actual.strip())
                .as(
                        "the topology changed. If that was intended, replace src/test/resources%s with:%n%s",
                        GOLDEN, actual)
                .isEqualTo(expected.strip());
    }
}
