package dev.vigil.stack.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The rules the stand-in enforces. Apicurio's INTEGRITY rule is not among them: asking for it is
 * refused rather than silently ignored.
 */
enum RuleType {
    COMPATIBILITY(Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL",
            "FULL_TRANSITIVE")),
    /** Stored for API fidelity; the stand-in always parses Avro content, so it always enforces FULL validity. */
    VALIDITY(Set.of("NONE", "SYNTAX_ONLY", "FULL"));

    private final Set<String> configs;

    RuleType(Set<String> configs) {
        this.configs = configs;
    }

    static RuleType parse(String name) {
        String upper = name == null ? "" : name.toUpperCase(Locale.ROOT);
        for (RuleType type : values()) {
            if (type.name().equals(upper)) {
                return type;
            }
        }
        throw ApiError.badRequest("rule type '" + name + "' is not supported by this registry stand-in; supported: "
                + Arrays.toString(values()));
    }

    String validConfig(String config) {
        if (config == null || !configs.contains(config)) {
            throw ApiError.badRequest("invalid " + name() + " rule configuration '" + config + "'; expected one of "
                    + configs.stream().sorted().toList());
        }
        return config;
    }
}
