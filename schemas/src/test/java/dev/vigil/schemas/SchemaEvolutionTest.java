package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic's current value schema reads what every released schema of it wrote (BACKWARD, as
 * the registry enforces), so a change that would strand records already on a topic, or in the
 * trainer's history, fails the build before the registry refuses it in production.
 */
class SchemaEvolutionTest {

    static final Path RELEASED = Path.of("released");

    /** A released schema and the current one of the same record. */
    record Pair(String release, Schema released, Schema current) {
        @Override
        public String toString() {
            return current.getName() + " reads " + release;
        }
    }

    static Stream<Pair> releasedTopicSchemas() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        try (Stream<Path> releases = Files.list(RELEASED)) {
            for (Path release : releases.filter(Files::isDirectory).sorted().toList()) {
                Schema.Parser parser = parserWithCommonTypes(release);
                for (Topic<?, ?> topic : Topics.ALL) {
                    Path file = release.resolve(topic.valueType().getSimpleName() + ".avsc");
                    if (SpecificRecord.class.isAssignableFrom(topic.valueType()) && Files.exists(file)) {
                        pairs.add(new Pair(
                                release.getFileName().toString(),
                                parser.parse(file.toFile()),
                                SpecificData.get().getSchema(topic.valueType())));
                    }
                }
            }
        }
        assertThat(pairs)
                .as("released topic schemas found under %s", RELEASED.toAbsolutePath())
                .isNotEmpty();
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releasedTopicSchemas")
    void currentSchemaReadsWhatTheReleasedOneWrote(Pair pair) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(pair.current(), pair.released());

        assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void theCheckRefusesANewFieldWithoutADefault() throws IOException {
        Schema released = parserWithCommonTypes(RELEASED.resolve("0.1.0"))
                .parse(RELEASED.resolve("0.1.0/Transaction.avsc").toFile());
        String withRequiredField = released.toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"riskSegment\",\"type\":\"string\"},");
        Schema evolved = new Schema.Parser().parse(withRequiredField);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(evolved, released)
                        .getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    /** A parser that knows the release's shared named types (common/), as the build's Avro plugin does. */
    private static Schema.Parser parserWithCommonTypes(Path release) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        Path common = release.resolve("common");
        if (Files.isDirectory(common)) {
            try (Stream<Path> files = Files.list(common)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".avsc"))
                        .sorted()
                        .toList()) {
                    parser.parse(file.toFile());
                }
            }
        }
        return parser;
    }
}
