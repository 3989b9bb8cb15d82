package dev.vigil.stack.registry;

/** Where a rule applies: the whole registry, a group, or one artifact (the most specific wins). */
record RuleScope(String groupId, String artifactId) {

    static final RuleScope GLOBAL = new RuleScope(null, null);

    static RuleScope group(String groupId) {
        return new RuleScope(groupId, null);
    }

    static RuleScope artifact(String groupId, String artifactId) {
        return new RuleScope(groupId, artifactId);
    }
}
