package dev.vigil.stack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vigil.stack.registry.Stored.ArtifactKey;
import dev.vigil.stack.registry.Stored.Content;
import dev.vigil.stack.registry.Stored.NewVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The subset of the Apicurio Registry v3 REST API that its serdes and Java SDK use, under
 * {@value #BASE}: artifacts and versions, lookups by global id, content id and content hash,
 * content search, and rules at global, group and artifact level.
 */
final class RegistryApi implements HttpHandler {

    static final String BASE = "/apis/registry/v3";
    private static final System.Logger LOG = System.getLogger(RegistryApi.class.getName());

    private final RegistryStore store;
    private final ObjectMapper json;

    RegistryApi(RegistryStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** An answer: a JSON value, raw content bytes, or nothing (204). */
    private record Reply(int status, String contentType, byte[] body) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        Reply reply;
        try (InputStream in = exchange.getRequestBody()) {
            reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                    query(exchange.getRequestURI().getRawQuery()), in.readAllBytes());
        } catch (ApiError e) {
            reply = problem(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request failed", e);
            reply = problem(500, "InternalServerError", e.toString(), null);
        }
        if (reply.body() == null) {
            exchange.sendResponseHeaders(reply.status(), -1);
        } else {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
        exchange.close();
        LOG.log(System.Logger.Level.INFO, "{0} {1} -> {2} ({3} ms)", exchange.getRequestMethod(),
                exchange.getRequestURI(), reply.status(), (System.nanoTime() - started) / 1_000_000);
    }

    private Reply route(String method, List<String> path, Map<String, String> query, byte[] body)
            throws JsonProcessingException {
        String joined = String.join("/", path);
        if (path.size() == 2 && joined.equals("system/info") && method.equals("GET")) {
            return ok(new Dto.SystemInfo("Apicurio Registry stand-in (Vigil local stack)",
                    "The subset of the Apicurio Registry v3 API used by the Apicurio serdes", "3.1.7-vigil", null));
        }
        if (path.size() >= 2 && path.get(0).equals("admin") && path.get(1).equals("rules")) {
            return rules(RuleScope.GLOBAL, method, path.subList(2, path.size()), body);
        }
        if (path.size() >= 3 && path.get(0).equals("ids")) {
            return ids(method, path.get(1), path.get(2), path.subList(3, path.size()), query);
        }
        if (joined.equals("search/versions") && method.equals("POST")) {
            String groupId = query.getOrDefault("groupId", "default");
            String artifactId = query.get("artifactId");
            List<Dto.VersionMetaData> found = store.search(artifactId == null ? null : new ArtifactKey(groupId, artifactId),
                    new String(body, StandardCharsets.UTF_8), Boolean.parseBoolean(query.get("canonical")))
                    .stream().map(Dto.VersionMetaData::of).toList();
            int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
            return ok(new Dto.VersionSearchResults(found.size(), found.subList(0, Math.min(limit, found.size()))));
        }
        if (path.size() >= 2 && path.get(0).equals("groups")) {
            return groups(method, path.get(1), path.subList(2, path.size()), query, body);
        }
        throw unsupported(method, path);
    }

    private Reply ids(String method, String kind, String id, List<String> rest, Map<String, String> query)
            throws JsonProcessingException {
        if (!method.equals("GET") || rest.size() > 1 || (rest.size() == 1 && !rest.get(0).equals("references"))) {
            throw unsupported(method, List.of("ids", kind, id));
        }
        Content content = switch (kind) {
            case "globalIds" -> store.content(store.byGlobalId(number(id)).contentId());
            case "contentIds" -> store.content(number(id));
            case "contentHashes" -> store.contentByHash(id);
            default -> throw unsupported(method, List.of("ids", kind));
        };
        if (rest.size() == 1) {
            return ok(content.references());
        }
        return content(content, query);
    }

    private Reply groups(String method, String groupId, List<String> rest, Map<String, String> query, byte[] body)
            throws JsonProcessingException {
        if (!rest.isEmpty() && rest.get(0).equals("rules")) {
            return rules(RuleScope.group(groupId), method, rest.subList(1, rest.size()), body);
        }
        if (rest.size() == 1 && rest.get(0).equals("artifacts") && method.equals("POST")) {
            return createArtifact(groupId, query, body);
        }
        if (rest.size() < 2 || !rest.get(0).equals("artifacts")) {
            throw unsupported(method, rest);
        }
        ArtifactKey key = new ArtifactKey(groupId, rest.get(1));
        List<String> tail = rest.subList(2, rest.size());
        if (tail.isEmpty() && method.equals("GET")) {
            return ok(Dto.ArtifactMetaData.of(store.artifact(key)));
        }
        if (!tail.isEmpty() && tail.get(0).equals("rules")) {
            store.artifact(key);
            return rules(RuleScope.artifact(groupId, key.artifactId()), method, tail.subList(1, tail.size()), body);
        }
        if (tail.size() == 1 && tail.get(0).equals("versions")) {
            if (method.equals("POST")) {
                refuseDryRun(query);
                Dto.CreateVersion request = read(body, Dto.CreateVersion.class);
                return ok(Dto.VersionMetaData.of(store.createVersion(key, newVersion(request))));
            }
            if (method.equals("GET")) {
                List<Dto.VersionMetaData> all = store.versions(key).stream().map(Dto.VersionMetaData::of).toList();
                return ok(new Dto.VersionSearchResults(all.size(), all));
            }
        }
        if (tail.size() >= 2 && tail.get(0).equals("versions") && method.equals("GET")) {
            Stored.Version version = store.version(key, tail.get(1));
            List<String> what = tail.subList(2, tail.size());
            if (what.isEmpty()) {
                return ok(Dto.VersionMetaData.of(version));
            }
            if (what.equals(List.of("content"))) {
                return content(store.content(version.contentId()), query);
            }
            if (what.equals(List.of("references"))) {
                return ok(store.content(version.contentId()).references());
            }
        }
        throw unsupported(method, rest);
    }

    private Reply createArtifact(String groupId, Map<String, String> query, byte[] body) throws JsonProcessingException {
        refuseDryRun(query);
        Dto.CreateArtifact request = read(body, Dto.CreateArtifact.class);
        String artifactId = request.artifactId() != null ? request.artifactId() : UUID.randomUUID().toString();
        RegistryStore.Created created = store.createArtifact(new ArtifactKey(groupId, artifactId),
                request.artifactType(), request.name(), request.description(), request.labels(),
                request.firstVersion() == null ? null : newVersion(request.firstVersion()),
                query.getOrDefault("ifExists", "FAIL"), Boolean.parseBoolean(query.get("canonical")));
        return ok(new Dto.CreateArtifactResponse(Dto.ArtifactMetaData.of(created.artifact()),
                created.version() == null ? null : Dto.VersionMetaData.of(created.version())));
    }

    private Reply rules(RuleScope scope, String method, List<String> rest, byte[] body) throws JsonProcessingException {
        if (rest.isEmpty()) {
            switch (method) {
                case "GET":
                    return ok(store.rules(scope).keySet().stream().sorted().map(Enum::name).toList());
                case "POST":
                    Dto.Rule rule = read(body, Dto.Rule.class);
                    store.createRule(scope, RuleType.parse(rule.ruleType()), rule.config());
                    return new Reply(204, null, null);
                case "DELETE":
                    store.deleteRules(scope);
                    return new Reply(204, null, null);
                default:
                    throw unsupported(method, List.of("rules"));
            }
        }
        RuleType type = RuleType.parse(rest.get(0));
        switch (method) {
            case "GET":
                return ok(new Dto.Rule(type.name(), store.rule(scope, type)));
            case "PUT":
                Dto.Rule rule = read(body, Dto.Rule.class);
                store.updateRule(scope, type, rule.config());
                return ok(new Dto.Rule(type.name(), rule.config()));
            case "DELETE":
                store.deleteRule(scope, type);
                return new Reply(204, null, null);
            default:
                throw unsupported(method, rest);
        }
    }

    private Reply content(Content content, Map<String, String> query) {
        String text = "DEREFERENCE".equals(query.get("references")) ? store.dereferenced(content) : content.content();
        return new Reply(200, content.contentType(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static NewVersion newVersion(Dto.CreateVersion request) {
        if (Boolean.TRUE.equals(request.isDraft())) {
            throw ApiError.badRequest("draft versions are not supported by this registry stand-in");
        }
        if (request.branches() != null && !request.branches().isEmpty()) {
            throw ApiError.badRequest("branches are not supported by this registry stand-in");
        }
        Dto.VersionContent content = request.content();
        if (content == null) {
            throw ApiError.badRequest("the version has no content");
        }
        return new NewVersion(request.version(), content.content(), content.contentType(), content.references(),
                request.name(), request.description(), request.labels());
    }

    private static void refuseDryRun(Map<String, String> query) {
        if (Boolean.parseBoolean(query.get("dryRun"))) {
            throw ApiError.badRequest("dryRun is not supported by this registry stand-in");
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the request body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply ok(Object value) throws JsonProcessingException {
        return new Reply(200, "application/json", json.writeValueAsBytes(value));
    }

    private Reply problem(ApiError e) {
        return problem(e.status(), e.name(), e.getMessage(), e.causes());
    }

    private Reply problem(int status, String name, String title, List<ApiError.Cause> causes) {
        try {
            return new Reply(status, "application/json",
                    json.writeValueAsBytes(new Dto.Problem(status, title, name + ": " + title, name, causes)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiError unsupported(String method, List<String> path) {
        return ApiError.methodNotAllowed(method, String.join("/", path));
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + id + "' is not a numeric id");
        }
    }

    /** Path segments after {@value #BASE}, each URL-decoded (artifact ids may hold encoded slashes). */
    private static List<String> segments(String rawPath) {
        String rest = rawPath.startsWith(BASE) ? rawPath.substring(BASE.length()) : rawPath;
        List<String> segments = new ArrayList<>();
        for (String raw : rest.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            Arrays.stream(rawQuery.split("&")).filter(p -> !p.isEmpty()).forEach(p -> {
                int eq = p.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
                query.put(name, eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            });
        }
        return query;
    }
}
