package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.events.Transaction;
import dev.vigil.schemas.TopicSerdes;
import dev.vigil.schemas.Topics;
import io.apicurio.registry.client.RegistryClientFactory;
import io.apicurio.registry.client.common.RegistryClientOptions;
import io.apicurio.registry.rest.client.RegistryClient;
import io.apicurio.registry.rest.client.models.CreateArtifact;
import io.apicurio.registry.rest.client.models.CreateRule;
import io.apicurio.registry.rest.client.models.CreateVersion;
import io.apicurio.registry.rest.client.models.HandleReferencesType;
import io.apicurio.registry.rest.client.models.IfArtifactExists;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.rest.client.models.RuleType;
import io.apicurio.registry.rest.client.models.VersionContent;
import io.apicurio.registry.rest.client.models.VersionMetaData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry as the stack runs it (Apicurio Registry's distribution, its schemas in PostgreSQL),
 * driven through the serde and SDK the services use (3.1.7): what Vigil relies on it for.
 * Its own PostgreSQL and registry, since one test restarts the registry.
 */
class ApicurioRegistryIT {

    private static final String GROUP = "default";
    /** What Apicurio Registry 3.3 answers to a version a rule refuses (3.0 answered 409). */
    private static final int RULE_VIOLATION = 400;

    private static Path root;
    private static Postgres postgres;
    private static SchemaRegistry registry;
    private static RegistryClient client;

    @BeforeAll
    static void startRegistry() throws IOException {
        root = Files.createTempDirectory("vigil-registry-it-");
        StackLayout layout = new StackLayout(root);
        StackPorts ports = StackPorts.free();
        postgres = new Postgres(layout, ports.postgres(), Lifetime.TEST);
        postgres.start();
        registry = new SchemaRegistry(
                layout,
                ports.registry(),
                ports.registryManagement(),
                postgres.registryStorage(),
                Lifetime.TEST,
                System.getenv());
        registry.start();
        client = RegistryClientFactory.create(RegistryClientOptions.create(registry.url()));
    }

    @AfterAll
    static void stopRegistry() {
        try {
            registry.stop();
            postgres.stop();
        } finally {
            Directories.deleteRecursively(root);
        }
    }

    @Test
    void startingTheRegistrySetsTheGlobalCompatibilityRuleToBackward() {
        assertThat(client.admin().rules().byRuleType("COMPATIBILITY").get().getConfig())
                .isEqualTo("BACKWARD");
    }

    @Test
    void serdeRegistersTheSchemaOnceAndReadsItsRecordsBack() {
        Transaction sent = SampleTransactions.transaction("tx-serde", 1234);
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes;
        try (Serde<Transaction> writer = serde()) {
            bytes = writer.serializer().serialize(Topics.TRANSACTIONS.name(), headers, sent);
        }
        // a second producer, with an empty cache, finds the registered version instead of adding one
        try (Serde<Transaction> otherWriter = serde()) {
            otherWriter.serializer().serialize(Topics.TRANSACTIONS.name(), new RecordHeaders(), sent);
        }
        Transaction received;
        try (Serde<Transaction> reader = serde()) {
            received = reader.deserializer().deserialize(Topics.TRANSACTIONS.name(), headers, bytes);
        }

        assertThat(received).isEqualTo(sent);
        assertThat(client.groups()
                        .byGroupId(GROUP)
                        .artifacts()
                        .byArtifactId("transactions-value")
                        .versions()
                        .get()
                        .getVersions())
                .hasSize(1);
    }

    @Test
    void refusesAVersionThatAddsAFieldWithoutDefaultUnderTheGlobalBackwardRule() {
        String artifactId = "refused-" + UUID.randomUUID();
        Schema v1 = Transaction.getClassSchema();
        create(artifactId, v1);

        // the SDK reads the causes only from a 409, so the one incompatibility is checked in the title, which lists
        // them
        ProblemDetails refused = catchThrowableOfType(
                ProblemDetails.class, () -> addVersion(artifactId, withField(v1, "riskFlag", null)));

        assertThat(refused.getStatus()).isEqualTo(RULE_VIOLATION);
        assertThat(refused.getName()).isEqualTo("RuleViolationException");
        assertThat(refused.getTitle())
                .isEqualTo("Incompatible artifact: " + artifactId + " [AVRO], num of incompatible"
                        + " diffs: {1}, list of diff types: [riskFlag at /fields/"
                        + v1.getFields().size() + "]");
        assertThat(versionsOf(artifactId)).containsExactly("1");
    }

    @Test
    void acceptsAVersionThatAddsAFieldWithADefault() {
        String artifactId = "accepted-" + UUID.randomUUID();
        VersionMetaData v1 = create(artifactId, Transaction.getClassSchema());

        VersionMetaData v2 = addVersion(artifactId, withField(Transaction.getClassSchema(), "riskFlag", "none"));

        assertThat(v2.getVersion()).isEqualTo("2");
        assertThat(v2.getGlobalId()).isGreaterThan(v1.getGlobalId());
        assertThat(v2.getContentId()).isNotEqualTo(v1.getContentId());
        assertThat(versionsOf(artifactId)).containsExactly("1", "2");
    }

    @Test
    void anArtifactRuleOverridesTheGlobalRule() {
        String artifactId = "no-rule-" + UUID.randomUUID();
        create(artifactId, Transaction.getClassSchema());
        CreateRule none = new CreateRule();
        none.setRuleType(RuleType.COMPATIBILITY);
        none.setConfig("NONE");
        client.groups()
                .byGroupId(GROUP)
                .artifacts()
                .byArtifactId(artifactId)
                .rules()
                .post(none);

        VersionMetaData v2 = addVersion(artifactId, withField(Transaction.getClassSchema(), "riskFlag", null));

        assertThat(v2.getVersion()).isEqualTo("2");
    }

    @Test
    void aTransitiveRuleChecksEveryEarlierVersionAndAPlainOneOnlyTheLatest() {
        // v3 requires b, which v2 writes but v1 does not
        Schema v1 = SchemaBuilder.record("Pair").fields().requiredInt("a").endRecord();
        Schema v2 = SchemaBuilder.record("Pair")
                .fields()
                .requiredInt("a")
                .name("b")
                .type()
                .stringType()
                .stringDefault("x")
                .endRecord();
        Schema v3 = SchemaBuilder.record("Pair")
                .fields()
                .requiredInt("a")
                .requiredString("b")
                .endRecord();
        String plain = artifactWithRule("BACKWARD", v1, v2);
        String transitive = artifactWithRule("BACKWARD_TRANSITIVE", v1, v2);

        assertThat(addVersion(plain, v3).getVersion()).isEqualTo("3");
        ProblemDetails refused = catchThrowableOfType(ProblemDetails.class, () -> addVersion(transitive, v3));
        assertThat(refused.getStatus()).isEqualTo(RULE_VIOLATION);
        assertThat(refused.getTitle()).endsWith("num of incompatible diffs: {1}, list of diff types: [b at /fields/1]");
    }

    @Test
    void looksUpContentByGlobalIdContentIdAndContentHash() throws IOException {
        String artifactId = "lookups-" + UUID.randomUUID();
        Schema schema = withField(Transaction.getClassSchema(), "lookupMarker", artifactId);
        VersionMetaData version = create(artifactId, schema);

        String byGlobalId =
                text(client.ids().globalIds().byGlobalId(version.getGlobalId()).get());
        String byContentId = text(
                client.ids().contentIds().byContentId(version.getContentId()).get());
        String byVersion = text(client.groups()
                .byGroupId(GROUP)
                .artifacts()
                .byArtifactId(artifactId)
                .versions()
                .byVersionExpression("branch=latest")
                .content()
                .get());
        String hash = org.apache.commons.codec.digest.DigestUtils.sha256Hex(schema.toString());
        String byHash = text(client.ids().contentHashes().byContentHash(hash).get());

        assertThat(List.of(byGlobalId, byContentId, byVersion, byHash)).containsOnly(schema.toString());
        assertThat(client.ids()
                        .globalIds()
                        .byGlobalId(version.getGlobalId())
                        .references()
                        .get())
                .isEmpty();
        ProblemDetails missing = catchThrowableOfType(ProblemDetails.class, () -> client.ids()
                .globalIds()
                .byGlobalId(version.getGlobalId() + 1000)
                .get());
        assertThat(missing.getStatus()).isEqualTo(404);
    }

    @Test
    void dereferencingInlinesTheReferencedTypes() throws IOException {
        String suffix = UUID.randomUUID().toString().replace("-", "");
        Schema money = SchemaBuilder.record("Money" + suffix)
                .namespace("dev.vigil.test")
                .fields()
                .requiredLong("minor")
                .requiredString("currency")
                .endRecord();
        create("money-" + suffix, money);
        String payment = "{\"type\":\"record\",\"name\":\"Payment\",\"namespace\":\"dev.vigil.test\",\"fields\":"
                + "[{\"name\":\"amount\",\"type\":\"dev.vigil.test.Money" + suffix + "\"}]}";
        io.apicurio.registry.rest.client.models.ArtifactReference reference =
                new io.apicurio.registry.rest.client.models.ArtifactReference();
        reference.setGroupId(GROUP);
        reference.setArtifactId("money-" + suffix);
        reference.setVersion("1");
        reference.setName("dev.vigil.test.Money" + suffix);
        VersionContent content = versionContent(payment);
        content.setReferences(List.of(reference));
        VersionMetaData created = create("payment-" + suffix, content);

        String preserved =
                text(client.ids().globalIds().byGlobalId(created.getGlobalId()).get());
        String dereferenced = text(client.ids()
                .globalIds()
                .byGlobalId(created.getGlobalId())
                .get(config -> config.queryParameters.references = HandleReferencesType.DEREFERENCE));

        assertThat(preserved).isEqualTo(payment);
        assertThat(new Schema.Parser().parse(dereferenced).getField("amount").schema())
                .isEqualTo(money);
        assertThat(client.ids()
                        .globalIds()
                        .byGlobalId(created.getGlobalId())
                        .references()
                        .get())
                .singleElement()
                .satisfies(r -> assertThat(r.getArtifactId()).isEqualTo("money-" + suffix));
    }

    @Test
    void idsSurviveARestartAndAreNeverHandedOutTwice() throws IOException {
        String artifactId = "durable-" + UUID.randomUUID();
        Schema schema = withField(Transaction.getClassSchema(), "durableMarker", artifactId);
        VersionMetaData before = create(artifactId, schema);

        registry.stop();
        assertThat(registry.process()).isEmpty();
        registry.start();

        assertThat(text(client.ids()
                        .globalIds()
                        .byGlobalId(before.getGlobalId())
                        .get()))
                .isEqualTo(schema.toString());
        VersionMetaData again = create(artifactId, schema);
        assertThat(again.getGlobalId()).isEqualTo(before.getGlobalId());
        assertThat(again.getContentId()).isEqualTo(before.getContentId());
        VersionMetaData next = create("after-restart-" + UUID.randomUUID(), withField(schema, "next", "n"));
        assertThat(next.getGlobalId()).isGreaterThan(before.getGlobalId());
        assertThat(next.getContentId()).isGreaterThan(before.getContentId());
    }

    private static Serde<Transaction> serde() {
        return new TopicSerdes(registry.url(), true).valueSerde(Topics.TRANSACTIONS);
    }

    private static String artifactWithRule(String level, Schema... versions) {
        String artifactId = level.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
        create(artifactId, versions[0]);
        CreateRule rule = new CreateRule();
        rule.setRuleType(RuleType.COMPATIBILITY);
        rule.setConfig(level);
        client.groups()
                .byGroupId(GROUP)
                .artifacts()
                .byArtifactId(artifactId)
                .rules()
                .post(rule);
        for (int i = 1; i < versions.length; i++) {
            addVersion(artifactId, versions[i]);
        }
        return artifactId;
    }

    /** Creates the artifact with its first version, as the serde does (find or create). */
    private static VersionMetaData create(String artifactId, Schema schema) {
        return create(artifactId, versionContent(schema.toString()));
    }

    private static VersionMetaData create(String artifactId, VersionContent content) {
        CreateArtifact artifact = new CreateArtifact();
        artifact.setArtifactId(artifactId);
        artifact.setArtifactType("AVRO");
        CreateVersion first = new CreateVersion();
        first.setContent(content);
        artifact.setFirstVersion(first);
        return client.groups()
                .byGroupId(GROUP)
                .artifacts()
                .post(artifact, config -> {
                    config.queryParameters.ifExists = IfArtifactExists.FIND_OR_CREATE_VERSION;
                    config.queryParameters.canonical = true;
                })
                .getVersion();
    }

    private static VersionMetaData addVersion(String artifactId, Schema schema) {
        CreateVersion version = new CreateVersion();
        version.setContent(versionContent(schema.toString()));
        return client.groups()
                .byGroupId(GROUP)
                .artifacts()
                .byArtifactId(artifactId)
                .versions()
                .post(version);
    }

    private static VersionContent versionContent(String schema) {
        VersionContent content = new VersionContent();
        content.setContent(schema);
        content.setContentType("application/json");
        return content;
    }

    private static List<String> versionsOf(String artifactId) {
        return client
                .groups()
                .byGroupId(GROUP)
                .artifacts()
                .byArtifactId(artifactId)
                .versions()
                .get()
                .getVersions()
                .stream()
                .map(v -> v.getVersion())
                .toList();
    }

    /** The schema with one more string field at the end, with the given default (null: no default). */
    private static Schema withField(Schema base, String name, String defaultValue) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(name, Schema.create(Schema.Type.STRING), null, defaultValue));
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static String text(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
