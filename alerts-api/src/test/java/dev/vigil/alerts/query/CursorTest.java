package dev.vigil.alerts.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorTest {

    static final Instant NINE_FIFTEEN = Instant.parse("2026-11-22T09:15:30.123Z");

    @Test
    void decodesWhatItEncodes() {
        Cursor cursor = new Cursor(NINE_FIFTEEN, "alert|with|bars");

        assertThat(Cursor.decode(cursor.encode())).contains(cursor);
    }

    @Test
    void encodesToAUrlSafeStringWithoutPadding() {
        assertThat(new Cursor(NINE_FIFTEEN, "a?b&c=d").encode()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 !", "djF8bm90LWEtdGltZXxhYmM", "@@"})
    void refusesStringsItDidNotWrite(String encoded) {
        assertThat(Cursor.decode(encoded)).isEmpty();
    }

    @Test
    void refusesAnotherVersion() {
        String v2 =
                Base64.getUrlEncoder().encodeToString(("v2|" + NINE_FIFTEEN + "|a").getBytes(StandardCharsets.UTF_8));

        assertThat(Cursor.decode(v2)).isEmpty();
    }
}
