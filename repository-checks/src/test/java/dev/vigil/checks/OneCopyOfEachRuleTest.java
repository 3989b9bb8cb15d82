package dev.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules shared by several modules have one home each. Each case names a rule, a mark that only its
 * code bears, and the file that holds it: a second file with the mark is a second copy, which drifts
 * (two failure classifiers once disagreed about a registry's 503), and no file with it means the home
 * moved without this test. Main code only: tests may spell a rule out to check it.
 */
class OneCopyOfEachRuleTest {

    record Rule(String name, Predicate<String> mark, List<String> homes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rule> rules() {
        return Stream.of(
                new Rule(
                        "a producer's acks=all and idempotence",
                        contains("ENABLE_IDEMPOTENCE_CONFIG"),
                        List.of("schemas/src/main/java/dev/vigil/schemas/ReliableProducer.java")),
                new Rule(
                        "the request-latency histogram",
                        contains("\"http.server.requests\""),
                        List.of("http-metrics/src/main/java/dev/vigil/http/metrics/RequestLatencyHistogram.java")),
                new Rule(
                        "reading a duration on a command line",
                        contains("ITypeConverter<Duration>"),
                        List.of("command-line/src/main/java/dev/vigil/cli/DurationConverter.java")),
                new Rule(
                        "a registry outage told from a poison record",
                        contains("getResponseStatusCode()"),
                        List.of("schemas/src/main/java/dev/vigil/schemas/SerdeFailures.java")),
                new Rule(
                        "a dead letter's headers",
                        contains("\"vigil.dlt."),
                        List.of("schemas/src/main/java/dev/vigil/schemas/DeadLetterHeaders.java")),
                new Rule(
                        "a label's id",
                        contains("nameUUIDFromBytes").and(contains("LabelSource")),
                        List.of("schemas/src/main/java/dev/vigil/schemas/LabelIds.java")),
                new Rule(
                        "a transactions record built from its parts",
                        matches("\\bTransaction\\.newBuilder\\(\\)"),
                        List.of(
                                "schemas/src/main/java/dev/vigil/schemas/TransactionRecords.java",
                                // the archive's rows read back into the records they were: no new record
                                "batch-trainer/src/main/java/dev/vigil/trainer/archive/HistoryRows.java")),
                new Rule(
                        "a transaction-labels record built from its parts",
                        matches("\\bTransactionLabel\\.newBuilder\\(\\)"),
                        List.of(
                                "schemas/src/main/java/dev/vigil/schemas/LabelRecords.java",
                                // analysts' decisions relayed with the ids alerts-api stored for them
                                "alerts-api/src/main/java/dev/vigil/alerts/disposition/LabelRelay.java")),
                new Rule(
                        "the card token",
                        contains("HmacSHA256"),
                        List.of("card-data/src/main/java/dev/vigil/card/CardTokenizer.java")),
                new Rule(
                        "what is kept of a card number",
                        contains(".countryOf("),
                        List.of("card-data/src/main/java/dev/vigil/card/CardToken.java")),
                new Rule(
                        "the answer to a missing or invalid bearer token",
                        contains("WWW_AUTHENTICATE"),
                        List.of("http-problems/src/main/java/dev/vigil/problems/FrameworkProblems.java")),
                new Rule(
                        "the default rule thresholds and their overrides",
                        contains("new RulesConfig("),
                        List.of(
                                "features/src/main/java/dev/vigil/features/rules/RulesConfig.java",
                                "realtime-scorer/src/main/java/dev/vigil/scorer/ScorerConfig.java")),
                new Rule(
                        "starting a stack component's process",
                        contains("ChildProcesses.launch("),
                        List.of(
                                "local-stack/launcher/src/main/java/dev/vigil/stack/Component.java",
                                // a packaged service is not a stack component: tests suspend and kill it
                                "local-stack/launcher/src/main/java/dev/vigil/stack/ServiceProcess.java")),
                new Rule(
                        "a stack component's HTTP readiness probe",
                        contains("BodyHandlers.discarding()").and(contains("package dev.vigil.stack;")),
                        List.of("local-stack/launcher/src/main/java/dev/vigil/stack/Readiness.java")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleHasOneHome(Rule rule) {
        List<String> bearing = Repository.mainJava().stream()
                .filter(file -> rule.mark().test(Repository.read(file)))
                .map(Path::toString)
                .toList();

        assertThat(bearing).as(rule.name()).containsExactlyInAnyOrderElementsOf(rule.homes());
    }

    /** One class name, one meaning: {@code Amounts} or {@code ProblemMappers} in two modules meant two things. */
    @Test
    void noTwoMainClassesShareAName() {
        Map<String, List<String>> byName = Repository.mainJava().stream()
                .filter(file -> !file.getFileName().toString().equals("package-info.java"))
                .collect(Collectors.groupingBy(
                        file -> file.getFileName().toString(),
                        TreeMap::new,
                        Collectors.mapping(Path::toString, Collectors.toList())));

        assertThat(byName)
                .allSatisfy((name, files) -> assertThat(files).as(name).hasSize(1));
    }

    private static Predicate<String> contains(String text) {
        return source -> source.contains(text);
    }

    private static Predicate<String> matches(String regex) {
        return Pattern.compile(regex).asPredicate();
    }
}
