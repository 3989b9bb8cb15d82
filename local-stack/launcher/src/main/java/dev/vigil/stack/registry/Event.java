package dev.vigil.stack.registry;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One change to the registry, as written to the journal. The registry's whole state is the replay
 * of its events, so ids handed out before a restart are handed out identically after it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "event")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Event.ContentAdded.class, name = "content"),
    @JsonSubTypes.Type(value = Event.ArtifactCreated.class, name = "artifact"),
    @JsonSubTypes.Type(value = Event.VersionCreated.class, name = "version"),
    @JsonSubTypes.Type(value = Event.RuleChanged.class, name = "rule"),
})
sealed interface Event {

    record ContentAdded(long contentId, String content, String contentType, List<Reference> references)
            implements Event {
    }

    record ArtifactCreated(String groupId, String artifactId, String artifactType, String name,
            String description, Map<String, String> labels, String createdOn) implements Event {
    }

    record VersionCreated(String groupId, String artifactId, String version, long globalId, long contentId,
            String name, String description, Map<String, String> labels, String createdOn) implements Event {
    }

    /** {@code config} null means the rule was deleted; null ids mean a group-wide or global rule. */
    record RuleChanged(String groupId, String artifactId, RuleType ruleType, String config) implements Event {
    }
}
