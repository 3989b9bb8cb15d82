package dev.vigil.stack.registry;

/**
 * A schema's reference to another registered version, as Apicurio's {@code ArtifactReference}:
 * {@code name} is how the referring content names the type (for Avro, the full type name).
 */
record Reference(String groupId, String artifactId, String version, String name) {
}
