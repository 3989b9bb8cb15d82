package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.events.Transaction;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import dev.vigil.stack.testing.LocalStackResource;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class LocalStackIT {

    private final LocalStack stack = LocalStack.forTests();

    @Test
    void forTestsStartsOneStackPerJvm() {
        assertThat(LocalStack.forTests()).isSameAs(stack);
    }

    @Test
    void aCopyOfTheClassInAnotherClassLoaderUsesTheSameStack() throws Exception {
        // as Quarkus tests do: the application's copy of this class is not the test resource's copy
        URL[] classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> toUrl(Path.of(entry)))
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = loader.loadClass(LocalStack.class.getName());
            Object copysStack = copy.getMethod("forTests").invoke(null);

            assertThat(copy).isNotSameAs(LocalStack.class);
            assertThat(copy.getMethod("serviceEnvironment").invoke(copysStack)).isEqualTo(stack.serviceEnvironment());
        }
    }

    @Test
    void quarkusTestResourcePointsTheApplicationAtTheStack() {
        assertThat(new LocalStackResource().start())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                        "apicurio.registry.url", stack.registryUrl(),
                        "quarkus.datasource.jdbc.url", stack.jdbcUrl(),
                        "quarkus.datasource.username", "vigil",
                        "quarkus.datasource.password", "vigil"));
    }

    @Test
    void serviceEnvironmentPointsAtTheStackOnLoopbackPorts() {
        assertThat(stack.serviceEnvironment())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
                        "APICURIO_REGISTRY_URL", stack.registryUrl(),
                        "QUARKUS_DATASOURCE_JDBC_URL", stack.jdbcUrl(),
                        "QUARKUS_DATASOURCE_USERNAME", "vigil",
                        "QUARKUS_DATASOURCE_PASSWORD", "vigil"));
        assertThat(stack.kafkaBootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(stack.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/registry/v3");
        assertThat(stack.jdbcUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/vigil");
    }

    @Test
    void prometheusScrapesAServiceOnThePortTheTestRegisters() throws Exception {
        // a stand-in for a service: /q/metrics with one sample, on a port chosen at run time
        HttpServer service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/q/metrics", exchange -> {
            byte[] body = "vigil_probe_answers_total 42\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        try {
            stack.scrape("alerts-api", service.getAddress().getPort());

            HttpClient http = HttpClient.newHttpClient();
            URI query = URI.create(stack.prometheusUrl() + "/api/v1/query?query="
                    + URLEncoder.encode("vigil_probe_answers_total{job=\"alerts-api\"}", StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(http.send(
                                            HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString())
                                    .body())
                            .contains("\"value\":[")
                            .contains("\"42\"]"));
        } finally {
            service.stop(0);
        }
    }

    @Test
    void prometheusScrapesTheRegistrysMetrics() {
        HttpClient http = HttpClient.newHttpClient();
        URI query = URI.create(stack.prometheusUrl() + "/api/v1/query?query="
                + URLEncoder.encode(
                        "up{job=\"registry\"} * on(instance) group_left jvm_info_total{job=\"registry\"}",
                        StandardCharsets.UTF_8));
        // up is 1 and the registry's own JVM metrics came with the scrape
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(
                                http.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString())
                                        .body())
                        .contains("\"job\":\"registry\"")
                        .contains("\"1\"]"));
    }

    /** The broker's JMX exporter agent: the broker serves, partitions have leaders, one controller, and topics' traffic per topic. */
    @Test
    void prometheusScrapesTheBrokerThroughItsJmxExporterAgent() throws Exception {
        produceOne(Topics.DEAD_LETTERS.name());

        awaitValue("up{job=\"kafka\"}", "1"::equals);
        awaitValue("kafka_server_kafkaserver_brokerstate", "3"::equals); // RUNNING
        awaitValue("kafka_controller_kafkacontroller_activecontrollercount", "1"::equals);
        awaitValue("kafka_controller_kafkacontroller_offlinepartitionscount", "0"::equals);
        awaitValue("kafka_server_replicamanager_underreplicatedpartitions", "0"::equals);
        awaitValue(
                "kafka_server_brokertopicmetrics_messagesin_total{topic=\"dead-letters\"}",
                v -> Double.parseDouble(v) > 0);
        awaitValue(
                "kafka_network_requestmetrics_totaltimems{request=\"Produce\",quantile=\"0.99\"}",
                v -> Double.parseDouble(v) >= 0);
    }

    /** prometheus-postgres-exporter reaches the stack's PostgreSQL with the stack's own settings. */
    @Test
    void prometheusScrapesPostgresqlThroughItsExporter() {
        awaitValue("up{job=\"postgres\"}", "1"::equals);
        awaitValue("pg_up{job=\"postgres\"}", "1"::equals); // the exporter connected
        awaitValue("pg_settings_max_connections", v -> Double.parseDouble(v) > 0);
        awaitValue("sum(pg_stat_activity_count{datname=\"vigil\"})", v -> Double.parseDouble(v) > 0);
    }

    @Test
    void prometheusLoadedVigilsAlertRules() throws Exception {
        HttpResponse<String> rules = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(stack.prometheusUrl() + "/api/v1/rules"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(rules.body())
                .contains(
                        "\"VigilDeadLetters\"",
                        "\"VigilConsumerLagGrowing\"",
                        "\"VigilModelStale\"",
                        "\"KafkaBrokerDown\"",
                        "\"PostgresDown\"");
    }

    @Test
    void readCommittedConsumerGetsCommittedAvroTransactionsAndNeverAbortedOnes() throws Exception {
        TopicSerdes serdes = new TopicSerdes(stack.registryUrl(), true);
        Serde<Transaction> values = serdes.valueSerde(Topics.TRANSACTIONS);
        Transaction committed = SampleTransactions.transaction("tx-committed-" + UUID.randomUUID(), 1234);
        Transaction aborted = SampleTransactions.transaction("tx-aborted-" + UUID.randomUUID(), 9999);

        try (KafkaProducer<String, Transaction> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "local-stack-it-" + UUID.randomUUID()),
                serdes.keySerde(Topics.TRANSACTIONS).serializer(),
                values.serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), SampleTransactions.CARD_TOKEN, aborted));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONS.name(), SampleTransactions.CARD_TOKEN, committed));
            producer.commitTransaction();
        }

        List<Transaction> received = new ArrayList<>();
        try (KafkaConsumer<String, Transaction> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "local-stack-it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                serdes.keySerde(Topics.TRANSACTIONS).deserializer(),
                values.deserializer())) {
            consumer.subscribe(List.of(Topics.TRANSACTIONS.name()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.stream().noneMatch(committed::equals) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Transaction> record : consumer.poll(Duration.ofMillis(200))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).contains(committed).doesNotContain(aborted);
    }

    @Test
    void aCrashedBrokerRestartsOnItsPortWithTheRecordsItHadAcknowledged() throws Exception {
        String key = "crash-" + UUID.randomUUID();
        Map<String, Object> producing = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(producing, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.DEAD_LETTERS.name(), key.getBytes(StandardCharsets.UTF_8), new byte[] {1}))
                    .get(30, TimeUnit.SECONDS);
        }
        int port = Integer.parseInt(stack.kafkaBootstrapServers()
                .substring(stack.kafkaBootstrapServers().indexOf(':') + 1));
        String startedBefore = promValue("process_start_time_seconds{job=\"kafka\"}");

        stack.crashKafka();
        assertThat(Ports.listening(port)).as("the port answers after the crash").isFalse();
        stack.restartKafka();

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        stack.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "local-stack-it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            List<String> keys = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
                return keys.contains(key);
            });
        }
        // the crash raises an alert, though the broker was back before any down alert's minute
        awaitValue("ALERTS{alertname=\"VigilServiceRestarted\", job=\"kafka\", alertstate=\"firing\"}", "1"::equals);
        awaitValue("process_start_time_seconds{job=\"kafka\"}", started -> !started.equals(startedBefore));
    }

    /** The value of {@code expr}'s single series once Prometheus has one (it scrapes every 5 s). */
    private String promValue(String expr) {
        return awaitValue(expr, value -> true);
    }

    /**
     * Waits up to 60 s for {@code expr} to have a single series whose value is {@code expected}
     * (Prometheus scrapes and evaluates rules every 5 s) and returns that value.
     */
    private String awaitValue(String expr, Predicate<String> expected) {
        HttpClient http = HttpClient.newHttpClient();
        URI query = URI.create(
                stack.prometheusUrl() + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        Pattern single = Pattern.compile("\"result\":\\[\\{\"metric\":\\{[^}]*},\"value\":\\[[0-9.]+,\"([^\"]+)\"]}]");
        return await(expr)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            Matcher m = single.matcher(http.send(
                                            HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString())
                                    .body());
                            return m.find() ? m.group(1) : null;
                        },
                        value -> value != null && expected.test(value));
    }

    private void produceOne(String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1}, new byte[] {1}))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyCatalogueTopicExistsWithItsPartitionsAndCleanupPolicy() throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            for (Topic<?, ?> topic : Topics.ALL) {
                assertThat(described.get(topic.name()).partitions())
                        .as(topic.name())
                        .hasSize(topic.partitions());
                assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                                .get("cleanup.policy")
                                .value())
                        .as(topic.name())
                        .isEqualTo(topic.cleanup().policy());
                topic.configs().forEach((name, value) -> assertThat(
                                configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                                        .get(name)
                                        .value())
                        .as(topic.name() + " " + name)
                        .isEqualTo(value));
            }
        }
    }

    @Test
    void aTopicKeptFromAnOlderStackGetsTheCataloguesSettingsBack() throws Exception {
        ConfigResource transactions = new ConfigResource(ConfigResource.Type.TOPIC, Topics.TRANSACTIONS.name());
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(
                            transactions,
                            List.of(new AlterConfigOp(
                                    new ConfigEntry("retention.ms", "604800000"), AlterConfigOp.OpType.SET))))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            TopicSetup.createMissingAndAlign(stack.kafkaBootstrapServers());

            assertThat(admin.describeConfigs(List.of(transactions))
                            .all()
                            .get(30, TimeUnit.SECONDS)
                            .get(transactions)
                            .get("retention.ms")
                            .value())
                    .isEqualTo(Topics.TRANSACTIONS.configs().get("retention.ms"));
        }
    }

    @Test
    void postgresLetsTheVigilUserOwnTablesInTheVigilDatabaseWithoutBeingSuperuser() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS local_stack_it (id bigint PRIMARY KEY)");
            statement.execute("INSERT INTO local_stack_it VALUES (42) ON CONFLICT DO NOTHING");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT current_user, current_database(), (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),"
                            + " (SELECT count(*) FROM local_stack_it WHERE id = 42)")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("vigil");
                assertThat(rows.getString(2)).isEqualTo("vigil");
                assertThat(rows.getBoolean(3)).isFalse();
                assertThat(rows.getLong(4)).isEqualTo(1);
            }
        }
    }

    private static URL toUrl(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(path.toString(), e);
        }
    }
}
