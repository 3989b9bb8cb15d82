package dev.vigil.features;

import static dev.vigil.features.Fixtures.BERLIN;
import static dev.vigil.features.Fixtures.HOME;
import static dev.vigil.features.Fixtures.MIDNIGHT;
import static dev.vigil.features.Fixtures.at;
import static dev.vigil.features.Fixtures.fold;
import static dev.vigil.features.Fixtures.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.events.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardProfileCodecTest {

    @Test
    void theEmptyProfileRoundTripsIn45Bytes() {
        byte[] bytes = CardProfileCodec.encode(CardProfile.EMPTY);

        assertThat(bytes).hasSize(45);
        assertThat(bytes[0]).isEqualTo(CardProfileCodec.VERSION);
        assertThat(CardProfileCodec.decode(bytes)).isEqualTo(CardProfile.EMPTY);
    }

    @Test
    void aCardSeenOnceRoundTripsIn61Bytes() {
        CardProfile profile = fold(List.of(tx("tx-1", 1_234, HOME, MIDNIGHT)));

        byte[] bytes = CardProfileCodec.encode(profile);

        assertThat(bytes).hasSize(61);
        assertThat(CardProfileCodec.decode(bytes)).isEqualTo(profile);
    }

    @Test
    void theLargestProfileRoundTripsInMaxSize() {
        List<Transaction> history = new ArrayList<>();
        int i = 0;
        // one country in each of the 11 words of the set: first letters A, C, E, ... spread the bits
        for (char first = 'A'; first <= 'Z'; first++) {
            for (char second = 'A'; second <= 'Z'; second += 5) {
                history.add(at(tx("tx-" + i, 100 + i, "" + first + second, MIDNIGHT.plus(Duration.ofMinutes(i))), BERLIN));
                i++;
            }
        }
        CardProfile profile = fold(history);

        byte[] bytes = CardProfileCodec.encode(profile);

        assertThat(bytes).hasSize(CardProfileCodec.MAX_SIZE).hasSize(277);
        assertThat(CardProfileCodec.decode(bytes)).isEqualTo(profile);
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        byte[] bytes = CardProfileCodec.encode(CardProfile.EMPTY);
        bytes[0] = 9;

        assertThatThrownBy(() -> CardProfileCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown card profile format version 9");
    }

    @Test
    void refusesATruncatedProfile() {
        byte[] bytes = CardProfileCodec.encode(fold(List.of(tx("tx-1", 1_234, HOME, MIDNIGHT))));

        assertThatThrownBy(() -> CardProfileCodec.decode(Arrays.copyOf(bytes, 30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("card profile truncated at 30 bytes");
    }

    @Test
    void refusesTrailingBytes() {
        byte[] bytes = Arrays.copyOf(CardProfileCodec.encode(CardProfile.EMPTY), 46);

        assertThatThrownBy(() -> CardProfileCodec.decode(bytes)).hasMessage("card profile has 1 trailing bytes");
    }
}
