package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topicNamesAreUnique() {
        Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(Topics.ALL);
    }

    @Test
    void eventTopicsAreKeyedByCardTokenString() {
        assertThat(Topics.TRANSACTIONS.keyType()).isEqualTo(String.class);
        assertThat(Topics.FRAUD_ALERTS.keyType()).isEqualTo(String.class);
        assertThat(Topics.TRANSACTION_LABELS.keyType()).isEqualTo(String.class);
    }

    @Test
    void aBanksOwnValueWinsOverTheAllBanksOneWhichStandsInForAnyOther() {
        Map<String, String> byScope = Map.of("bank-a", "own model", Topics.ALL_BANKS, "shared model");

        assertThat(Topics.ownElseAllBanks("bank-a", byScope::get)).isEqualTo("own model");
        assertThat(Topics.ownElseAllBanks("bank-b", byScope::get)).isEqualTo("shared model");
        assertThat(Topics.<String>ownElseAllBanks("bank-b", Map.of("bank-a", "own model")::get))
                .isNull();
    }

    @Test
    void compactedTopicsAskForCompaction() {
        Topic<String, String> table = new Topic<>("t", 1, Topic.Cleanup.COMPACT, String.class, String.class);
        assertThat(table.configs()).containsEntry("cleanup.policy", "compact");
        assertThat(Topics.TRANSACTIONS.configs()).containsEntry("cleanup.policy", "delete");
    }

    @Test
    void eventTopicsKeepRecordsWhateverTheirTimestampsAgeWhileTablesAreCompacted() {
        for (Topic<?, ?> topic : Topics.ALL) {
            if (topic.cleanup() == Topic.Cleanup.DELETE) {
                assertThat(topic.configs()).as(topic.name()).containsEntry("retention.ms", "-1");
            } else {
                assertThat(topic.configs()).as(topic.name()).doesNotContainKey("retention.ms");
            }
        }
        assertThat(Topics.TRANSACTIONS.named("transactions-copy").configs()).containsEntry("retention.ms", "-1");
    }

    @Test
    void rejectsTopicWithoutPartitions() {
        assertThatThrownBy(() -> new Topic<>("t", 0, Topic.Cleanup.DELETE, String.class, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitions");
    }

    @Test
    void serdesRefuseTypesTheyCannotCarry() {
        TopicSerdes serdes = new TopicSerdes("http://127.0.0.1:1/apis/registry/v3", false);
        Topic<Integer, Integer> odd = new Topic<>("odd", 1, Topic.Cleanup.DELETE, Integer.class, Integer.class);
        assertThatThrownBy(() -> serdes.valueSerde(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
    }
}
