package dev.vigil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grafana cannot run here, so its dashboards are proved on live data instead: the packaged
 * services run on the local stack, Prometheus scrapes them, traffic with fraud, a poison record,
 * a model and a disposition flows through, and then every panel's query is run where Grafana
 * would run it. A query that errors or returns nothing fails.
 */
class DashboardQueriesIT {

    /** Grafana's {@code $__rate_interval} for a 5 s scrape interval is at least four scrapes. */
    static final String RATE_INTERVAL = "1m";

    @TempDir
    static Path workDir;

    static Pipeline pipeline;

    @BeforeAll
    static void runTrafficThroughTheStack() throws Exception {
        pipeline = Pipeline.start(workDir, 1, DashboardTraffic.SCORER_ENVIRONMENT);
        DashboardTraffic.drive(pipeline);
        // rates need a few scrapes after the traffic, and Micrometer binds the RocksDB metrics of a
        // newly opened store only at its next refresh of the Kafka Streams metrics (every 60 s):
        // wait until the slowest-moving series have data
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> !promQuery("sum(rate(vigil_scorer_scored_total[" + RATE_INTERVAL + "]))")
                                .isEmpty()
                        && !promQuery("kafka_stream_state_cur_size_all_mem_tables")
                                .isEmpty());
    }

    @AfterAll
    static void stopServices() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** One query of one panel. */
    record PanelQuery(String dashboard, String panel, String refId, String datasource, String query) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    static Stream<PanelQuery> panelQueries() throws IOException {
        List<PanelQuery> queries = new ArrayList<>();
        for (Path file : DashboardSchemaIT.dashboards().toList()) {
            JsonNode dashboard = Http.JSON.readTree(file.toFile());
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String datasource = target.path("datasource").path("uid").asText();
                    String query = datasource.equals("vigil-prometheus")
                            ? target.path("expr").asText()
                            : target.path("rawSql").asText();
                    queries.add(new PanelQuery(
                            dashboard.path("title").asText(),
                            panel.path("title").asText(),
                            target.path("refId").asText(),
                            datasource,
                            query));
                }
            }
        }
        return queries.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("panelQueries")
    void everyPanelQueryReturnsData(PanelQuery query) throws Exception {
        if (query.datasource().equals("vigil-prometheus")) {
            String expr =
                    query.query().replace("$__rate_interval", RATE_INTERVAL).replace("$__interval", "15s");
            assertThat(expr).as("a Grafana variable the test does not know").doesNotContain("$");
            // a range query over the last minutes, as a time-series panel asks for it
            List<JsonNode> series = await().atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> promRange(expr), result -> !result.isEmpty());
            assertThat(series).as("%s returned series", expr).isNotEmpty();
        } else {
            String sql =
                    GrafanaSqlMacros.expand(query.query(), Instant.now().minus(Duration.ofHours(1)), Instant.now());
            try (Connection db = DriverManager.getConnection(
                            pipeline.stack().jdbcUrl(),
                            pipeline.stack().dbUser(),
                            pipeline.stack().dbPassword());
                    Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                assertThat(rows.next()).as("%s returned a row", sql).isTrue();
            } catch (SQLException e) {
                throw new AssertionError(query + " failed: " + sql, e);
            }
        }
    }

    /** The alert rules' metric names (recording rules' own names, with a colon, aside): Vigil's, Kafka's, PostgreSQL's. */
    static Stream<String> ruleMetrics() throws IOException {
        String rules = java.nio.file.Files.readString(
                ComposeConsistencyTest.RepoFiles.path("dashboards/prometheus/alerts.yml"));
        Matcher names = Pattern.compile("\\b((?:vigil|kafka|pg)_[a-z0-9_]+)\\b").matcher(rules);
        java.util.Set<String> found = new java.util.TreeSet<>();
        while (names.find()) {
            found.add(names.group(1));
        }
        assertThat(found).as("metrics the rules use").isNotEmpty();
        return found.stream();
    }

    /** A rule on a metric no service exports never fires: every name must be live in Prometheus. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleMetrics")
    void everyMetricAnAlertRuleUsesIsExported(String metric) throws Exception {
        List<JsonNode> series = await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> promQuery("count({__name__=\"" + metric + "\"})"), result -> !result.isEmpty());
        assertThat(series).as(metric).isNotEmpty();
    }

    static List<JsonNode> promQuery(String expr) throws IOException, InterruptedException {
        return promResult(pipeline.stack().prometheusUrl() + "/api/v1/query?query=" + encode(expr));
    }

    static List<JsonNode> promRange(String expr) throws IOException, InterruptedException {
        long end = Instant.now().getEpochSecond();
        return promResult(pipeline.stack().prometheusUrl() + "/api/v1/query_range?query=" + encode(expr) + "&start="
                + (end - 600) + "&end=" + end + "&step=15");
    }

    private static List<JsonNode> promResult(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = Http.get(url);
        JsonNode body = Http.JSON.readTree(response.body());
        assertThat(body.path("status").asText())
                .as("%s: %s", url, response.body())
                .isEqualTo("success");
        List<JsonNode> result = new ArrayList<>();
        body.path("data").path("result").forEach(series -> {
            // a series of only NaN (0/0) is no data
            JsonNode values = series.has("values")
                    ? series.get("values")
                    : Http.JSON.createArrayNode().add(series.get("value"));
            for (JsonNode value : values) {
                if (!value.get(1).asText().equals("NaN")) {
                    result.add(series);
                    return;
                }
            }
        });
        return result;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The Grafana PostgreSQL macros the dashboards use, expanded as Grafana expands them. */
    static final class GrafanaSqlMacros {

        private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");
        private static final Pattern TIME_GROUP_ALIAS =
                Pattern.compile("\\$__timeGroupAlias\\(([^,]+),\\s*'(\\d+)m'\\)");

        static String expand(String sql, Instant from, Instant to) {
            String expanded =
                    replace(TIME_FILTER, sql, m -> m.group(1).trim() + " BETWEEN '" + from + "' AND '" + to + "'");
            expanded = replace(
                    TIME_GROUP_ALIAS,
                    expanded,
                    m -> "floor(extract(epoch from " + m.group(1).trim() + ")/" + (Integer.parseInt(m.group(2)) * 60)
                            + ")*" + (Integer.parseInt(m.group(2)) * 60) + " AS \"time\"");
            if (expanded.contains("$__")) {
                throw new IllegalArgumentException("a Grafana macro this test does not expand: " + sql);
            }
            return expanded;
        }

        private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
            Matcher m = pattern.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(with.apply(m)));
            }
            m.appendTail(out);
            return out.toString();
        }
    }
}
