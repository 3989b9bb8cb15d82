package dev.vigil.loadgen;

import picocli.CommandLine.Option;

/** Where Kafka and the registry are, and the card token key: what writing straight to Kafka needs ({@code --target kafka}, {@code import}). */
final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description =
                    "Kafka brokers, for --target kafka and import (default: the KAFKA_BOOTSTRAP_SERVERS environment "
                            + "variable, else 127.0.0.1:9092)")
    String bootstrapServers;

    @Option(
            names = "--registry-url",
            defaultValue = "${env:APICURIO_REGISTRY_URL:-http://127.0.0.1:8081/apis/registry/v3}",
            description = "Apicurio Registry v3 API, for --target kafka and import (default: the APICURIO_REGISTRY_URL "
                    + "environment variable, else http://127.0.0.1:8081/apis/registry/v3)")
    String registryUrl;

    @Option(
            names = "--pan-token-key",
            defaultValue = "${env:VIGIL_PAN_TOKEN_KEY}",
            description =
                    "for --target kafka and import: the key ingest-service tokenises card numbers with (base64 of at "
                            + "least 32 bytes), so cards get the tokens ingest would give them; required. Default: the "
                            + "VIGIL_PAN_TOKEN_KEY environment variable, which keeps it off the command line; never printed")
    String panTokenKey;

    /** Refuses a missing key, naming what {@code purpose} needs it for. */
    void requireKey(String purpose) {
        if (panTokenKey == null || panTokenKey.isBlank()) {
            throw new IllegalArgumentException(purpose + " needs the card token key of ingest-service: "
                    + "--pan-token-key or the VIGIL_PAN_TOKEN_KEY environment variable");
        }
    }
}
