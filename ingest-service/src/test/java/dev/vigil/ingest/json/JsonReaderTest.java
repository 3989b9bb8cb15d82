package dev.vigil.ingest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    private final JsonReader reader = new JsonReader(4);

    private JsonValue read(String json) throws MalformedJsonException {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keepsNumbersExactlyAsWritten() throws Exception {
        JsonValue.Obj obj = (JsonValue.Obj) read("{\"a\": 12.30, \"b\": 1e3, \"c\": -0}");

        assertThat(obj.members())
                .containsExactly(
                        Map.entry("a", new JsonValue.Number("12.30")),
                        Map.entry("b", new JsonValue.Number("1e3")),
                        Map.entry("c", new JsonValue.Number("-0")));
    }

    @Test
    void readsEveryKindOfValue() throws Exception {
        JsonValue.Obj obj =
                (JsonValue.Obj) read("{\"s\":\"x\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"y\"],\"o\":{}}");

        assertThat(obj.members().get("s")).isEqualTo(new JsonValue.Text("x"));
        assertThat(obj.members().get("t")).isEqualTo(new JsonValue.Bool(true));
        assertThat(obj.members().get("f")).isEqualTo(new JsonValue.Bool(false));
        assertThat(obj.members().get("n")).isEqualTo(JsonValue.Null.INSTANCE);
        assertThat(obj.members().get("a"))
                .isEqualTo(new JsonValue.Array(List.of(new JsonValue.Number("1"), new JsonValue.Text("y"))));
        assertThat(obj.members().get("o")).isEqualTo(new JsonValue.Obj(Map.of(), Set.of()));
    }

    @Test
    void recordsRepeatedNamesAndKeepsTheFirstValue() throws Exception {
        JsonValue.Obj obj = (JsonValue.Obj) read("{\"pan\":\"1\",\"pan\":\"2\",\"x\":0}");

        assertThat(obj.repeated()).containsExactly("pan");
        assertThat(obj.members().get("pan")).isEqualTo(new JsonValue.Text("1"));
    }

    @Test
    void rejectsNestingDeeperThanTheBound() {
        assertThatThrownBy(() -> read("{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("JSON is nested deeper than 4 levels");
    }

    @Test
    void acceptsNestingAtTheBound() throws Exception {
        assertThat(read("{\"a\":{\"b\":{\"c\":{}}}}")).isInstanceOf(JsonValue.Obj.class);
    }

    @Test
    void rejectsMalformedJsonWithItsLocationButNotItsContent() {
        assertThatThrownBy(() -> read("{\"pan\": 4111111111111111x}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("malformed JSON at line 1, column ")
                .hasMessageNotContaining("4111");
    }

    @Test
    void rejectsUnquotedTextWithoutQuotingIt() {
        assertThatThrownBy(() -> read("{\"pan\": secret4111111111111111}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("4111");
    }

    @Test
    void rejectsEmptyBody() {
        assertThatThrownBy(() -> read("  "))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessage("the request body is empty");
    }

    @Test
    void rejectsContentAfterTheValue() {
        assertThatThrownBy(() -> read("{} {}"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("unexpected content after the JSON value at line 1");
    }

    @Test
    void rejectsTruncatedJson() {
        assertThatThrownBy(() -> read("{\"a\": [1, 2"))
                .isInstanceOf(MalformedJsonException.class)
                .hasMessageStartingWith("malformed JSON at line 1");
    }

    @Test
    void hidesTextAndNumbersInToString() {
        JsonValue.Obj obj = new JsonValue.Obj(
                Map.of("pan", new JsonValue.Text("4111111111111111"), "n", new JsonValue.Number("4111111111111111")),
                Set.of());

        assertThat(obj.toString()).doesNotContain("4111");
    }
}
