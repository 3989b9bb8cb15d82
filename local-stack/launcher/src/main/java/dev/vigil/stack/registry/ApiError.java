package dev.vigil.stack.registry;

import java.util.List;

/**
 * A request the registry refuses, answered as Apicurio answers it: the HTTP status with a
 * {@code ProblemDetails} body ({@code RuleViolationProblemDetails} when {@code causes} is set),
 * so the SDK raises the same exception it raises against the real registry.
 */
final class ApiError extends RuntimeException {

    /** One reason a rule refused content, e.g. an Avro incompatibility and where in the schema it is. */
    record Cause(String description, String context) {
    }

    private final int status;
    private final String name;
    private final List<Cause> causes;

    private ApiError(int status, String name, String title, List<Cause> causes) {
        super(title, null, false, false);
        this.status = status;
        this.name = name;
        this.causes = causes;
    }

    static ApiError badRequest(String title) {
        return new ApiError(400, "BadRequestException", title, null);
    }

    static ApiError notFound(String name, String title) {
        return new ApiError(404, name, title, null);
    }

    static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(405, "MethodNotAllowedException",
                method + " " + path + " is not supported by this registry stand-in", null);
    }

    static ApiError conflict(String name, String title) {
        return new ApiError(409, name, title, null);
    }

    static ApiError ruleViolation(String title, List<Cause> causes) {
        return new ApiError(409, "RuleViolationException", title, List.copyOf(causes));
    }

    int status() {
        return status;
    }

    String name() {
        return name;
    }

    /** Null unless a rule refused the content. */
    List<Cause> causes() {
        return causes;
    }
}
