package dev.vigil.stack.registry;

import dev.vigil.stack.registry.Stored.Artifact;
import dev.vigil.stack.registry.Stored.ArtifactKey;
import dev.vigil.stack.registry.Stored.Content;
import dev.vigil.stack.registry.Stored.NewVersion;
import dev.vigil.stack.registry.Stored.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The registry's state: artifacts, their versions, deduplicated content and rules. Every change is
 * journalled before it is applied, and the state is rebuilt from the journal at start, so global
 * and content ids survive restarts. One lock: schema registration is rare and cheap.
 */
final class RegistryStore {

    static final String AVRO = "AVRO";
    private static final String LATEST_BRANCH = "branch=latest";

    private final Journal journal;
    private final Map<Long, Content> contents = new HashMap<>();
    private final Map<String, Content> contentsByHash = new HashMap<>();
    private final Map<Long, Version> versionsByGlobalId = new HashMap<>();
    private final Map<ArtifactKey, Artifact> artifacts = new LinkedHashMap<>();
    private final Map<ArtifactKey, List<Version>> versions = new HashMap<>();
    private final Map<RuleScope, Map<RuleType, String>> rules = new HashMap<>();
    private long lastGlobalId;
    private long lastContentId;

    RegistryStore(Journal journal) {
        this.journal = journal;
        journal.readAll().forEach(this::apply);
    }

    // ---- artifacts and versions

    /** What a create-artifact call did: the artifact, and its first or found version (null if none was given). */
    record Created(Artifact artifact, Version version) {
    }

    synchronized Created createArtifact(ArtifactKey key, String artifactType, String name, String description,
            Map<String, String> labels, NewVersion firstVersion, String ifExists, boolean canonical) {
        Artifact existing = artifacts.get(key);
        if (existing != null) {
            return switch (ifExists) {
                case "FAIL" -> throw ApiError.conflict("ArtifactAlreadyExistsException",
                        "An artifact with ID '" + key.artifactId() + "' in group '" + key.groupId() + "' already exists.");
                case "CREATE_VERSION" -> new Created(existing, addVersion(existing, required(firstVersion)));
                case "FIND_OR_CREATE_VERSION" -> new Created(existing, findVersion(existing, required(firstVersion), canonical)
                        .orElseGet(() -> addVersion(existing, firstVersion)));
                default -> throw ApiError.badRequest("ifExists must be FAIL, CREATE_VERSION or FIND_OR_CREATE_VERSION");
            };
        }
        String type = artifactType != null ? artifactType : AVRO;
        if (!AVRO.equals(type)) {
            throw ApiError.badRequest("artifact type " + type + " is not supported by this registry stand-in, only AVRO");
        }
        if (firstVersion != null) {
            // validate before anything is written, so a refused first version leaves no empty artifact behind
            checkRules(key, firstVersion, List.of());
        }
        Artifact artifact = new Artifact(key, type, name, description, copy(labels), now());
        journalAndApply(new Event.ArtifactCreated(key.groupId(), key.artifactId(), type, name, description,
                artifact.labels(), artifact.createdOn().toString()));
        return new Created(artifact, firstVersion == null ? null : addVersion(artifact, firstVersion));
    }

    synchronized Version createVersion(ArtifactKey key, NewVersion newVersion) {
        return addVersion(artifact(key), required(newVersion));
    }

    synchronized Artifact artifact(ArtifactKey key) {
        Artifact artifact = artifacts.get(key);
        if (artifact == null) {
            throw ApiError.notFound("ArtifactNotFoundException",
                    "No artifact with ID '" + key.artifactId() + "' in group '" + key.groupId() + "' was found.");
        }
        return artifact;
    }

    synchronized List<Version> versions(ArtifactKey key) {
        artifact(key);
        return List.copyOf(versions.getOrDefault(key, List.of()));
    }

    /** A version by number, or by {@code branch=latest}, the only branch the stand-in has. */
    synchronized Version version(ArtifactKey key, String expression) {
        List<Version> all = versions(key);
        if (LATEST_BRANCH.equals(expression)) {
            if (all.isEmpty()) {
                throw versionNotFound(key, expression);
            }
            return all.get(all.size() - 1);
        }
        if (expression.startsWith("branch=")) {
            throw ApiError.notFound("BranchNotFoundException", "No branch '" + expression.substring(7)
                    + "' was found; this registry stand-in only has the latest branch.");
        }
        return all.stream().filter(v -> v.version().equals(expression)).findFirst()
                .orElseThrow(() -> versionNotFound(key, expression));
    }

    synchronized Version byGlobalId(long globalId) {
        Version version = versionsByGlobalId.get(globalId);
        if (version == null) {
            throw ApiError.notFound("VersionNotFoundException", "No version with global ID '" + globalId + "' was found.");
        }
        return version;
    }

    synchronized Content content(long contentId) {
        Content content = contents.get(contentId);
        if (content == null) {
            throw ApiError.notFound("ContentNotFoundException", "No content with ID '" + contentId + "' was found.");
        }
        return content;
    }

    synchronized Content contentByHash(String hash) {
        Content content = contentsByHash.get(hash);
        if (content == null) {
            throw ApiError.notFound("ContentNotFoundException", "No content with hash '" + hash + "' was found.");
        }
        return content;
    }

    /** Versions of one artifact (or of all artifacts when {@code key} is null) whose content matches, newest first. */
    synchronized List<Version> search(ArtifactKey key, String content, boolean canonical) {
        String wanted = canonical ? canonical(content, List.of()) : content;
        List<Version> found = new ArrayList<>();
        for (Map.Entry<ArtifactKey, List<Version>> entry : versions.entrySet()) {
            if (key != null && !key.equals(entry.getKey())) {
                continue;
            }
            for (Version version : entry.getValue()) {
                Content stored = contents.get(version.contentId());
                String candidate = canonical ? canonical(stored.content(), stored.references()) : stored.content();
                if (candidate.equals(wanted)) {
                    found.add(version);
                }
            }
        }
        found.sort((a, b) -> Long.compare(b.globalId(), a.globalId()));
        return found;
    }

    /** The content with every referenced Avro type written inline, for clients that cannot resolve references. */
    synchronized String dereferenced(Content content) {
        if (content.references().isEmpty()) {
            return content.content();
        }
        return parse(content.content(), content.references()).toString();
    }

    // ---- rules

    synchronized Map<RuleType, String> rules(RuleScope scope) {
        return Map.copyOf(rules.getOrDefault(scope, Map.of()));
    }

    synchronized String rule(RuleScope scope, RuleType type) {
        String config = rules.getOrDefault(scope, Map.of()).get(type);
        if (config == null) {
            throw ApiError.notFound("RuleNotFoundException", "No rule named '" + type + "' was found.");
        }
        return config;
    }

    synchronized void createRule(RuleScope scope, RuleType type, String config) {
        if (rules.getOrDefault(scope, Map.of()).containsKey(type)) {
            throw ApiError.conflict("RuleAlreadyExistsException", "A rule named '" + type + "' already exists.");
        }
        journalAndApply(new Event.RuleChanged(scope.groupId(), scope.artifactId(), type, type.validConfig(config)));
    }

    synchronized void updateRule(RuleScope scope, RuleType type, String config) {
        rule(scope, type);
        journalAndApply(new Event.RuleChanged(scope.groupId(), scope.artifactId(), type, type.validConfig(config)));
    }

    synchronized void deleteRule(RuleScope scope, RuleType type) {
        rule(scope, type);
        journalAndApply(new Event.RuleChanged(scope.groupId(), scope.artifactId(), type, null));
    }

    synchronized void deleteRules(RuleScope scope) {
        for (RuleType type : rules(scope).keySet()) {
            journalAndApply(new Event.RuleChanged(scope.groupId(), scope.artifactId(), type, null));
        }
    }

    // ---- internals

    private Version addVersion(Artifact artifact, NewVersion newVersion) {
        ArtifactKey key = artifact.key();
        List<Version> existing = versions.getOrDefault(key, List.of());
        String number = newVersion.version() != null ? newVersion.version() : nextVersionNumber(existing);
        if (existing.stream().anyMatch(v -> v.version().equals(number))) {
            throw ApiError.conflict("VersionAlreadyExistsException", "A version '" + number + "' of artifact '"
                    + key.artifactId() + "' in group '" + key.groupId() + "' already exists.");
        }
        checkRules(key, newVersion, existing);
        List<Reference> references = copy(newVersion.references());
        String contentType = newVersion.contentType() != null ? newVersion.contentType() : "application/json";
        Content content = contentsByHash.get(hash(newVersion.content(), references));
        if (content == null) {
            journalAndApply(new Event.ContentAdded(lastContentId + 1, newVersion.content(), contentType, references));
            content = contents.get(lastContentId);
        }
        journalAndApply(new Event.VersionCreated(key.groupId(), key.artifactId(), number, lastGlobalId + 1,
                content.contentId(), newVersion.name(), newVersion.description(), copy(newVersion.labels()),
                now().toString()));
        return versionsByGlobalId.get(lastGlobalId);
    }

    private Optional<Version> findVersion(Artifact artifact, NewVersion wanted, boolean canonical) {
        List<Reference> references = copy(wanted.references());
        String content = canonical ? canonical(wanted.content(), references) : wanted.content();
        List<Version> all = versions.getOrDefault(artifact.key(), List.of());
        for (int i = all.size() - 1; i >= 0; i--) {
            Content stored = contents.get(all.get(i).contentId());
            String candidate = canonical ? canonical(stored.content(), stored.references()) : stored.content();
            if (candidate.equals(content) && stored.references().equals(references)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Refuses content that is not Avro, or that breaks the COMPATIBILITY rule in force for the artifact. */
    private void checkRules(ArtifactKey key, NewVersion newVersion, List<Version> existing) {
        if (newVersion.content() == null || newVersion.content().isBlank()) {
            throw ApiError.badRequest("the version has no content");
        }
        Schema proposed = parse(newVersion.content(), copy(newVersion.references()));
        String level = compatibilityLevel(key);
        List<Schema> existingSchemas = existing.stream()
                .map(v -> contents.get(v.contentId()))
                .map(c -> parse(c.content(), c.references()))
                .toList();
        List<ApiError.Cause> causes = AvroSchemas.incompatibilities(level, proposed, existingSchemas);
        if (!causes.isEmpty()) {
            List<String> diffs = causes.stream().map(c -> c.description() + " at " + c.context()).toList();
            throw ApiError.ruleViolation(String.format(Locale.ROOT,
                    "Incompatible artifact: %s [%s], num of incompatible diffs: {%d}, list of diff types: %s",
                    key.artifactId(), AVRO, causes.size(), diffs), causes);
        }
    }

    private String compatibilityLevel(ArtifactKey key) {
        for (RuleScope scope : List.of(RuleScope.artifact(key.groupId(), key.artifactId()),
                RuleScope.group(key.groupId()), RuleScope.GLOBAL)) {
            String config = rules.getOrDefault(scope, Map.of()).get(RuleType.COMPATIBILITY);
            if (config != null) {
                return config;
            }
        }
        return "NONE";
    }

    private Schema parse(String content, List<Reference> references) {
        return AvroSchemas.parse(content, referencedContents(references, new HashSet<>()));
    }

    /** Contents a schema's references point at, transitively, dependencies before the types that use them. */
    private List<String> referencedContents(List<Reference> references, Set<Reference> seen) {
        List<String> ordered = new ArrayList<>();
        for (Reference reference : references) {
            if (!seen.add(reference)) {
                continue;
            }
            ArtifactKey key = new ArtifactKey(reference.groupId() != null ? reference.groupId() : "default",
                    reference.artifactId());
            Version version = versions.getOrDefault(key, List.of()).stream()
                    .filter(v -> v.version().equals(reference.version())).findFirst()
                    .orElseThrow(() -> ApiError.badRequest("reference '" + reference.name() + "' points at "
                            + key.groupId() + "/" + key.artifactId() + " version " + reference.version()
                            + ", which does not exist"));
            Content content = contents.get(version.contentId());
            ordered.addAll(referencedContents(content.references(), seen));
            ordered.add(content.content());
        }
        return ordered;
    }

    /** Avro's own rendering of the parsed schema: the same for schemas that differ only in formatting. */
    private String canonical(String content, List<Reference> references) {
        return parse(content, references).toString();
    }

    private void journalAndApply(Event event) {
        journal.append(event);
        apply(event);
    }

    private void apply(Event event) {
        if (event instanceof Event.ContentAdded e) {
            Content content = new Content(e.contentId(), e.content(), e.contentType(), copy(e.references()),
                    hash(e.content(), copy(e.references())));
            contents.put(content.contentId(), content);
            contentsByHash.put(content.hash(), content);
            lastContentId = Math.max(lastContentId, e.contentId());
        } else if (event instanceof Event.ArtifactCreated e) {
            ArtifactKey key = new ArtifactKey(e.groupId(), e.artifactId());
            artifacts.put(key, new Artifact(key, e.artifactType(), e.name(), e.description(), copy(e.labels()),
                    Instant.parse(e.createdOn())));
        } else if (event instanceof Event.VersionCreated e) {
            ArtifactKey key = new ArtifactKey(e.groupId(), e.artifactId());
            Version version = new Version(key, artifacts.get(key).artifactType(), e.version(), e.globalId(),
                    e.contentId(), e.name(), e.description(), copy(e.labels()), Instant.parse(e.createdOn()));
            versions.computeIfAbsent(key, k -> new ArrayList<>()).add(version);
            versionsByGlobalId.put(version.globalId(), version);
            lastGlobalId = Math.max(lastGlobalId, e.globalId());
        } else if (event instanceof Event.RuleChanged e) {
            Map<RuleType, String> scoped = rules.computeIfAbsent(new RuleScope(e.groupId(), e.artifactId()),
                    s -> new EnumMap<>(RuleType.class));
            if (e.config() == null) {
                scoped.remove(e.ruleType());
            } else {
                scoped.put(e.ruleType(), e.config());
            }
        }
    }

    private static NewVersion required(NewVersion version) {
        if (version == null) {
            throw ApiError.badRequest("a version with content is required when the artifact already exists");
        }
        return version;
    }

    private static String nextVersionNumber(List<Version> existing) {
        long next = existing.size() + 1;
        Set<String> taken = new HashSet<>();
        existing.forEach(v -> taken.add(v.version()));
        while (taken.contains(Long.toString(next))) {
            next++;
        }
        return Long.toString(next);
    }

    private static ApiError versionNotFound(ArtifactKey key, String expression) {
        return ApiError.notFound("VersionNotFoundException", "No version '" + expression + "' found for artifact with ID '"
                + key.artifactId() + "' in group '" + key.groupId() + "'.");
    }

    /** SHA-256 of the content, and of its references when it has some: the same text with other references is other content. */
    private static String hash(String content, List<Reference> references) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(content.getBytes(StandardCharsets.UTF_8));
            for (Reference r : references) {
                digest.update(String.join("\u0000", "", Objects.toString(r.groupId()), r.artifactId(), r.version(),
                        r.name()).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
