package dev.vigil.stack.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the registry holds, as the API reports it. */
final class Stored {

    private Stored() {
    }

    record ArtifactKey(String groupId, String artifactId) {
    }

    record Content(long contentId, String content, String contentType, List<Reference> references, String hash) {
    }

    record Artifact(ArtifactKey key, String artifactType, String name, String description,
            Map<String, String> labels, Instant createdOn) {
    }

    record Version(ArtifactKey key, String artifactType, String version, long globalId, long contentId,
            String name, String description, Map<String, String> labels, Instant createdOn) {
    }

    /** A version to add, as a client sends it. Null {@code version} means "the next number". */
    record NewVersion(String version, String content, String contentType, List<Reference> references,
            String name, String description, Map<String, String> labels) {
    }
}
