package dev.vigil.schemas.testing;

import com.microsoft.kiota.ApiExceptionBuilder;
import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A schema registry in memory, behind Apicurio's own client seam ({@link RegistryClientFacade}), so
 * unit and topology tests run the real Apicurio serde (framing, content ids, caches) with no server.
 * It keeps what the serde asks of a registry: content deduplicated into content ids with their
 * references (the serde registers a record's named types, such as an enum, as artifacts of their own),
 * versions with global ids per artifact, and a 404 {@link ProblemDetails} for an unknown id, as the
 * real client throws (local-stack's {@code ApicurioRegistryIT} shows it). Compatibility rules are the
 * real registry's business, for {@code *IT}s.
 *
 * <p>Thread-safe; one instance is one registry, so share it between the serdes of a test.
 */
public final class InMemoryRegistry implements RegistryClientFacade {

    private static final String DEFAULT_GROUP = "default";

    private record Version(long globalId, long contentId, String groupId, String artifactId, String version) {
        RegistryVersionCoordinates coordinates() {
            return RegistryVersionCoordinates.create(globalId, contentId, groupId, artifactId, version);
        }
    }

    private record Content(String schema, List<RegistryArtifactReference> references) {}

    private final List<Content> contents = new ArrayList<>();
    private final List<Version> versions = new ArrayList<>();

    @Override
    public synchronized String getSchemaByContentId(Long contentId) {
        return content(contentId).schema();
    }

    @Override
    public synchronized String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return versions.stream()
                .filter(v -> v.globalId() == globalId)
                .findFirst()
                .map(v -> getSchemaByContentId(v.contentId()))
                .orElseThrow(() -> notFound("no version with global id " + globalId));
    }

    @Override
    public synchronized String getSchemaByGAV(String groupId, String artifactId, String version) {
        return getSchemaByContentId(find(groupId, artifactId, version).contentId());
    }

    @Override
    public synchronized String getSchemaByContentHash(String contentHash) {
        return byHash(contentHash).schema();
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        return content(contentId).references();
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        return versions.stream()
                .filter(v -> v.globalId() == globalId)
                .findFirst()
                .map(v -> content(v.contentId()).references())
                .orElseThrow(() -> notFound("no version with global id " + globalId));
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByGAV(
            String groupId, String artifactId, String version) {
        return content(find(groupId, artifactId, version).contentId()).references();
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        return byHash(contentHash).references();
    }

    @Override
    public synchronized List<RegistryVersionCoordinates> searchVersionsByContent(
            String schema, String artifactType, ArtifactReference reference, boolean canonical) {
        int contentIndex = indexOf(schema);
        return versions.stream()
                .filter(v -> v.groupId().equals(group(reference.getGroupId()))
                        && v.artifactId().equals(reference.getArtifactId()))
                .filter(v -> v.contentId() == contentIndex + 1)
                .sorted(Comparator.comparingLong(Version::globalId).reversed())
                .map(Version::coordinates)
                .toList();
    }

    /** Creates the artifact or a new version of it; the same content as an existing version finds that version. */
    @Override
    public synchronized RegistryVersionCoordinates createSchema(
            String artifactType,
            String groupId,
            String artifactId,
            String version,
            String ifExists,
            boolean canonical,
            String schema,
            Set<RegistryArtifactReference> references) {
        String group = group(groupId);
        int contentIndex = indexOf(schema);
        if (contentIndex < 0) {
            contents.add(new Content(schema, references == null ? List.of() : List.copyOf(references)));
            contentIndex = contents.size() - 1;
        }
        long contentId = contentIndex + 1;
        List<Version> ofArtifact = versions.stream()
                .filter(v -> v.groupId().equals(group) && v.artifactId().equals(artifactId))
                .toList();
        for (Version existing : ofArtifact) {
            if (existing.contentId() == contentId) {
                return existing.coordinates();
            }
        }
        Version created = new Version(
                versions.size() + 1L,
                contentId,
                group,
                artifactId,
                version != null ? version : Integer.toString(ofArtifact.size() + 1));
        versions.add(created);
        return created.coordinates();
    }

    @Override
    public synchronized RegistryVersionCoordinates getVersionCoordinatesByGAV(
            String groupId, String artifactId, String version) {
        return find(groupId, artifactId, version).coordinates();
    }

    /** Nothing behind this registry speaks the REST API. */
    @Override
    public Object getClient() {
        throw new UnsupportedOperationException("an in-memory registry has no REST client");
    }

    private Content content(Long contentId) {
        if (contentId == null || contentId < 1 || contentId > contents.size()) {
            throw notFound("no content with id " + contentId);
        }
        return contents.get((int) (contentId - 1));
    }

    private Content byHash(String contentHash) {
        return contents.stream()
                .filter(c -> sha256(c.schema()).equals(contentHash))
                .findFirst()
                .orElseThrow(() -> notFound("no content with hash " + contentHash));
    }

    private int indexOf(String schema) {
        for (int i = 0; i < contents.size(); i++) {
            if (contents.get(i).schema().equals(schema)) {
                return i;
            }
        }
        return -1;
    }

    private Version find(String groupId, String artifactId, String version) {
        String group = group(groupId);
        boolean latest = version == null || version.equals("branch=latest") || version.equals("latest");
        return versions.stream()
                .filter(v -> v.groupId().equals(group) && v.artifactId().equals(artifactId))
                .filter(v -> latest || v.version().equals(version))
                .max(Comparator.comparingLong(Version::globalId))
                .orElseThrow(() -> notFound("no version " + version + " of " + group + "/" + artifactId));
    }

    private static String group(String groupId) {
        return groupId == null ? DEFAULT_GROUP : groupId;
    }

    /** What the real client throws for a 404: a {@link ProblemDetails} with the response status set. */
    private static ProblemDetails notFound(String detail) {
        // as kiota builds it: the builder sets the status (protected in ApiException); withMessage would replace the
        // type
        ProblemDetails problem = (ProblemDetails) new ApiExceptionBuilder(ProblemDetails::new)
                .withResponseStatusCode(404)
                .build();
        problem.setStatus(404);
        problem.setDetail(detail);
        return problem;
    }

    private static String sha256(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
