package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docker-compose.yml cannot run on machines without Docker, so these checks keep it in step with
 * what does run: the topic catalogue, the pinned versions, the ports and the environment variables
 * each service really reads.
 */
class ComposeConsistencyTest {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    /** Every published port binds here unless the user says otherwise. */
    private static final String LOOPBACK = "${VIGIL_PUBLISH_ADDRESS:-127.0.0.1}:";
    /** A variable the user must set: compose stops with the message when it is not. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}");

    private static final Pattern SECRET_NAME = Pattern.compile("(?!.*PUBLIC_KEY$).*(PASSWORD|SECRET|_KEY)$");

    private static JsonNode compose;
    private static String rootPom;

    @BeforeAll
    static void readFiles() throws IOException {
        compose = new ObjectMapper(new YAMLFactory())
                .readTree(RepoFiles.path("docker-compose.yml").toFile());
        rootPom = Files.readString(RepoFiles.path("pom.xml"));
    }

    @Test
    void createsEveryCatalogueTopicWithItsPartitionsPolicyAndEveryOtherSetting() {
        String script = compose.at("/services/kafka-init/command/0").asText();
        Matcher m = Pattern.compile("--topic (\\S+) --partitions (\\d+)((?: --config \\S+=\\S+)*)")
                .matcher(script);
        Matcher setting = Pattern.compile("--config (\\S+)=(\\S+)").matcher("");
        Map<String, String> created = new HashMap<>();
        while (m.find()) {
            Map<String, String> configs = new TreeMap<>();
            setting.reset(m.group(3));
            while (setting.find()) {
                configs.put(setting.group(1), setting.group(2));
            }
            created.put(m.group(1), m.group(2) + " " + configs);
        }
        Map<String, String> catalogue = new HashMap<>();
        for (Topic<?, ?> topic : Topics.ALL) {
            catalogue.put(topic.name(), topic.partitions() + " " + new TreeMap<>(topic.configs()));
        }
        assertThat(created).isEqualTo(catalogue);
        assertThat(created.get(Topics.TRANSACTIONS.name()))
                .as("imported history is kept whatever its age")
                .contains("retention.ms=-1");
    }

    @Test
    void everyPublishedPortBindsToLoopbackByDefault() {
        compose.path("services").properties().forEach(service -> {
            for (JsonNode port : service.getValue().path("ports")) {
                assertThat(port.asText()).as("a port of %s", service.getKey()).startsWith(LOOPBACK);
            }
        });
    }

    @Test
    void noSecretHasADefault() {
        Set<String> secrets = new TreeSet<>();
        compose.path("services").properties().forEach(service -> service.getValue()
                .path("environment")
                .properties()
                .forEach(variable -> {
                    if (SECRET_NAME.matcher(variable.getKey()).matches()) {
                        secrets.add(variable.getKey());
                        assertThat(variable.getValue().asText())
                                .as("%s of %s", variable.getKey(), service.getKey())
                                .matches(REQUIRED_VARIABLE);
                    }
                }));
        assertThat(secrets)
                .contains(
                        "VIGIL_PAN_TOKEN_KEY",
                        "POSTGRES_PASSWORD",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "GF_SECURITY_ADMIN_PASSWORD",
                        "APICURIO_DATASOURCE_PASSWORD");
    }

    @Test
    void runsTheBrokerAndRegistryVersionsThePomPins() throws IOException {
        String broker = "apache/kafka:" + pomProperty("kafka.broker.version");
        assertThat(compose.at("/services/kafka/build/dockerfile").asText()).isEqualTo("docker/kafka.Dockerfile");
        assertThat(Files.readString(RepoFiles.path("docker/kafka.Dockerfile"))).contains("FROM " + broker + "\n");
        assertThat(compose.at("/services/kafka-init/image").asText()).isEqualTo(broker);
        assertThat(compose.at("/services/registry/image").asText())
                .isEqualTo("apicurio/apicurio-registry:" + pomProperty("apicurio.registry.server.version"));
    }

    /** The local stack hands the registry its storage as environment variables; compose sets the same ones. */
    @Test
    void theRegistryKeepsItsSchemasInPostgresqlAsInTheLocalStack() throws IOException {
        Matcher m = Pattern.compile("variables\\.put\\(\"(APICURIO_[A-Z_]+)\", \"([^\"]+)\"\\)")
                .matcher(Files.readString(
                        RepoFiles.path("local-stack/launcher/src/main/java/dev/vigil/stack/SchemaRegistry.java")));
        Map<String, String> local = new HashMap<>();
        while (m.find()) {
            local.put(m.group(1), m.group(2));
        }
        Map<String, String> composed = new HashMap<>();
        compose.at("/services/registry/environment")
                .properties()
                .forEach(e -> composed.put(e.getKey(), e.getValue().asText()));

        assertThat(local)
                .containsEntry("APICURIO_STORAGE_KIND", "sql")
                .containsEntry("APICURIO_STORAGE_SQL_KIND", "postgresql");
        assertThat(composed).containsAllEntriesOf(local);
        assertThat(composed.get("APICURIO_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/registry");
        assertThat(Files.readString(RepoFiles.path("docker/postgres-init.sql")))
                .contains("CREATE DATABASE registry OWNER vigil;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "realtime-scorer", "alerts-api"})
    void publishesEachServiceOnItsDefaultPort(String service) throws IOException {
        String defaultPort = defaultOf(applicationProperties(service), "quarkus.http.port");
        assertThat(compose.at("/services/" + service + "/ports/0").asText())
                .isEqualTo(LOOPBACK + defaultPort + ":" + defaultPort);
        assertThat(compose.at("/services/" + service + "/environment/QUARKUS_HTTP_PORT")
                        .asText())
                .isEqualTo(defaultPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "realtime-scorer", "alerts-api"})
    void setsOnlyEnvironmentVariablesTheServiceReads(String service) throws IOException {
        Set<String> read = referencedVariables(applicationProperties(service));
        Set<String> set = new TreeSet<>();
        compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(set::add);
        // QUARKUS_* names map onto quarkus.* properties by Quarkus' own rule; everything else must be read.
        Set<String> unread = new TreeSet<>(set);
        unread.removeIf(name -> read.contains(name) || name.startsWith("QUARKUS_"));
        assertThat(unread)
                .as("variables compose sets that %s never reads", service)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "realtime-scorer", "alerts-api"})
    void setsEveryVariableTheServiceNeedsToReachTheStack(String service) throws IOException {
        Set<String> read = referencedVariables(applicationProperties(service));
        Set<String> set = new TreeSet<>();
        compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(set::add);
        Set<String> stackVariables = new TreeSet<>(read);
        stackVariables.retainAll(Set.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "APICURIO_REGISTRY_URL",
                "VIGIL_PAN_TOKEN_KEY",
                "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD"));
        assertThat(set).as("%s in compose", service).containsAll(stackVariables);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "realtime-scorer", "alerts-api"})
    void prometheusScrapesEachServiceAsTheLocalStackDoes(String service) throws IOException {
        String port = defaultOf(applicationProperties(service), "quarkus.http.port");
        assertScrapes(service, "/q/metrics", service + ":" + port);
    }

    @Test
    void prometheusScrapesTheRegistryOnItsManagementPortAsTheLocalStackDoes() throws IOException {
        assertScrapes("registry", "/metrics", "registry:9000");
        assertThat(compose.at("/services/registry/healthcheck/test/1").asText())
                .contains("localhost:9000/health/ready");
    }

    /** The broker's JMX exporter agent: loaded with the repository's rules, on the local stack's default port. */
    @Test
    void prometheusScrapesKafkasJmxExporterAgentAsTheLocalStackDoes() throws IOException {
        String port = localStackDefaultPort("KAFKA_METRICS_PORT");
        assertScrapes("kafka", "/metrics", "kafka:" + port);
        assertThat(compose.at("/services/kafka/environment/KAFKA_OPTS").asText())
                .isEqualTo("-javaagent:/opt/jmx-exporter/jmx_prometheus_javaagent.jar=" + port
                        + ":/etc/kafka-jmx/kafka-jmx.yml");
        assertThat(compose.at("/services/kafka/volumes").toString())
                .contains("./dashboards/prometheus/kafka-jmx.yml:/etc/kafka-jmx/kafka-jmx.yml:ro");
        assertThat(compose.at("/services/kafka/healthcheck/test/1").asText())
                .as("the health probe's JVM must not load the agent")
                .startsWith("KAFKA_OPTS= ");
    }

    /** PostgreSQL's exporter: its own service, reading the vigil database, on the local stack's default port. */
    @Test
    void prometheusScrapesThePostgresqlExporterAsTheLocalStackDoes() throws IOException {
        String port = localStackDefaultPort("PG_EXPORTER_PORT");
        assertScrapes("postgres", "/metrics", "postgres-exporter:" + port);
        JsonNode exporter = compose.at("/services/postgres-exporter");
        assertThat(exporter.path("image").asText()).startsWith("prometheuscommunity/postgres-exporter:");
        assertThat(exporter.at("/environment/DATA_SOURCE_URI").asText())
                .isEqualTo("postgres:5432/vigil?sslmode=disable");
        assertThat(exporter.at("/environment/DATA_SOURCE_PASS").asText()).matches(REQUIRED_VARIABLE);
        assertThat(exporter.at("/ports/0").asText()).isEqualTo(LOOPBACK + port + ":" + port);
        // the extra queries the local stack passes with --extend.query-path
        assertThat(exporter.at("/environment/PG_EXPORTER_EXTEND_QUERY_PATH").asText())
                .isEqualTo("/etc/postgres-exporter/postgres-queries.yml");
        assertThat(exporter.path("volumes").toString())
                .contains(
                        "./dashboards/prometheus/postgres-queries.yml:/etc/postgres-exporter/postgres-queries.yml:ro");
    }

    @Test
    void prometheusAndGrafanaMountTheRepositorysConfiguration() {
        assertThat(compose.at("/services/prometheus/volumes").toString())
                .contains("./dashboards/prometheus/prometheus.yml", "./dashboards/prometheus/alerts.yml");
        assertThat(compose.at("/services/grafana/volumes").toString())
                .contains("./dashboards/grafana/provisioning", "./dashboards/grafana/dashboards");
        assertThat(compose.at("/services/prometheus/ports/0").asText()).isEqualTo(LOOPBACK + "9090:9090");
    }

    /**
     * The trainer is a picocli command, not a Quarkus service: the variables it reads are the
     * {@code ${env:NAME...}} defaults of its options. Both trainer services (archive and schedule)
     * set only those, and every one that reaches the stack.
     */
    @ParameterizedTest
    @ValueSource(strings = {"trainer-archive", "batch-trainer"})
    void theTrainerServicesSetTheVariablesTheTrainerReads(String service) throws IOException {
        Set<String> read = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{env:([A-Z0-9_]+)")
                .matcher(Files.readString(
                        RepoFiles.path("batch-trainer/src/main/java/dev/vigil/trainer/TrainerCli.java")));
        while (m.find()) {
            read.add(m.group(1));
        }
        Set<String> set = new TreeSet<>();
        compose.at("/services/" + service + "/environment").fieldNames().forEachRemaining(set::add);

        assertThat(read)
                .as("variables the trainer reads")
                .contains("KAFKA_BOOTSTRAP_SERVERS", "VIGIL_TRAINER_JDBC_URL");
        assertThat(set)
                .as("variables compose sets for %s", service)
                .isSubsetOf(read)
                .contains(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "APICURIO_REGISTRY_URL",
                        "VIGIL_TRAINER_JDBC_URL",
                        "VIGIL_HISTORY_DIR");
        assertThat(compose.at("/services/" + service + "/build/dockerfile").asText())
                .isEqualTo("docker/trainer.Dockerfile");
        assertThat(compose.at("/services/" + service + "/profiles/0").asText()).isEqualTo("trainer");
    }

    /** Compose's Prometheus has a job named as the local stack names it, scraping {@code path} on {@code target}. */
    private static void assertScrapes(String name, String path, String target) throws IOException {
        JsonNode prometheus = new ObjectMapper(new YAMLFactory())
                .readTree(RepoFiles.path("dashboards/prometheus/prometheus.yml").toFile());
        JsonNode job = null;
        for (JsonNode candidate : prometheus.path("scrape_configs")) {
            if (candidate.path("job_name").asText().equals(name)) {
                job = candidate;
            }
        }
        assertThat(job)
                .as("a scrape job named %s (the local stack's job name)", name)
                .isNotNull();
        assertThat(job.path("metrics_path").asText())
                .as("%s's metrics path", name)
                .isEqualTo(path);
        assertThat(job.at("/static_configs/0/targets/0").asText())
                .as("%s's target", name)
                .isEqualTo(target);
    }

    /** The default of one of the local stack's ports, as StackPorts declares it. */
    private static String localStackDefaultPort(String constant) throws IOException {
        Matcher m = Pattern.compile("port\\(env, " + constant + ", (\\d+)\\)")
                .matcher(Files.readString(
                        RepoFiles.path("local-stack/launcher/src/main/java/dev/vigil/stack/StackPorts.java")));
        assertThat(m.find()).as("StackPorts' default for %s", constant).isTrue();
        return m.group(1);
    }

    private static String applicationProperties(String service) throws IOException {
        return Files.readString(RepoFiles.path(service, "src/main/resources/application.properties"));
    }

    private static Set<String> referencedVariables(String properties) {
        Set<String> names = new TreeSet<>();
        Matcher m = ENV_REFERENCE.matcher(properties);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String defaultOf(String properties, String key) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=\\s*\\$\\{[A-Z_]+:(\\d+)}")
                .matcher(properties);
        assertThat(m.find()).as("%s has an env-overridable default", key).isTrue();
        return m.group(1);
    }

    private static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(rootPom);
        assertThat(m.find()).as("root pom property %s", name).isTrue();
        return m.group(1);
    }

    /** Where the repository's files are, from the module directory the build runs tests in. */
    static final class RepoFiles {
        static Path path(String first, String... more) {
            Path root = Path.of(System.getProperty("vigil.repo.root", ".."))
                    .toAbsolutePath()
                    .normalize();
            return root.resolve(Path.of(first, more));
        }
    }
}
