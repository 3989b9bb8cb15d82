package dev.vigil.stack.registry;

import java.util.List;
import java.util.Map;

/** The JSON bodies of the Apicurio Registry v3 API, field for field as its SDK reads and writes them. */
final class Dto {

    private Dto() {
    }

    // ---- requests

    record CreateArtifact(String artifactId, String artifactType, String name, String description,
            Map<String, String> labels, CreateVersion firstVersion) {
    }

    record CreateVersion(String version, VersionContent content, String name, String description,
            Map<String, String> labels, List<String> branches, Boolean isDraft) {
    }

    record VersionContent(String content, String contentType, List<Reference> references) {
    }

    // ---- responses

    record ArtifactMetaData(String groupId, String artifactId, String artifactType, String name, String description,
            Map<String, String> labels, String owner, String createdOn, String modifiedBy, String modifiedOn) {

        static ArtifactMetaData of(Stored.Artifact a) {
            String created = a.createdOn().toString();
            return new ArtifactMetaData(a.key().groupId(), a.key().artifactId(), a.artifactType(), a.name(),
                    a.description(), a.labels(), "", created, "", created);
        }
    }

    /** Also the shape of a {@code SearchedVersion}. */
    record VersionMetaData(String groupId, String artifactId, String version, String artifactType, long globalId,
            long contentId, String state, String name, String description, Map<String, String> labels, String owner,
            String createdOn, String modifiedBy, String modifiedOn) {

        static VersionMetaData of(Stored.Version v) {
            String created = v.createdOn().toString();
            return new VersionMetaData(v.key().groupId(), v.key().artifactId(), v.version(), v.artifactType(),
                    v.globalId(), v.contentId(), "ENABLED", v.name(), v.description(), v.labels(), "", created, "",
                    created);
        }
    }

    record CreateArtifactResponse(ArtifactMetaData artifact, VersionMetaData version) {
    }

    record VersionSearchResults(int count, List<VersionMetaData> versions) {
    }

    record Rule(String ruleType, String config) {
    }

    record SystemInfo(String name, String description, String version, String builtOn) {
    }

    /** {@code ProblemDetails}, or {@code RuleViolationProblemDetails} when {@code causes} is not null. */
    record Problem(int status, String title, String detail, String name, List<ApiError.Cause> causes) {
    }
}
