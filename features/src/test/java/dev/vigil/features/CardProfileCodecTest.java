package dev.vigil.features;

import static dev.vigil.features.CardTransactions.BERLIN;
import static dev.vigil.features.CardTransactions.HOME;
import static dev.vigil.features.CardTransactions.MIDNIGHT;
import static dev.vigil.features.CardTransactions.at;
import static dev.vigil.features.CardTransactions.fold;
import static dev.vigil.features.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Transaction;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardProfileCodecTest {

    /** The recent merchants of a card seen only at "m-grocer": a count, then its id's length, the id and a time. */
    private static final int RECENT_GROCER = 1 + 2 + "m-grocer".length() + 8;
    /** The recent peak of amount-to-usual ratios, a double. */
    private static final int PEAK = 8;
    /** The categories of a card seen only in groceries: a count, then the code's length, "5411" and three doubles. */
    private static final int GROCERIES = 1 + 2 + "5411".length() + 3 * 8;
    /** The categories of a card with none: their count. */
    private static final int NO_CATEGORIES = 1;

    @Test
    void theEmptyProfileRoundTripsIn311Bytes() {
        byte[] bytes = CardProfileCodec.encode(CardProfile.EMPTY);

        assertThat(bytes).hasSize(311);
        assertThat(bytes[0]).isEqualTo(CardProfileCodec.VERSION);
        assertThat(CardProfileCodec.decode(bytes)).isEqualTo(CardProfile.EMPTY);
    }

    @Test
    void aCardSeenOnceRoundTripsIn327BytesItsMerchantAndItsCategory() {
        CardProfile profile = fold(List.of(tx("tx-1", 1_234, HOME, MIDNIGHT)));

        byte[] bytes = CardProfileCodec.encode(profile);

        // the merchant: 2 bytes of length, "m-grocer", 8 bytes of time; the category: 2 bytes of length, "5411",
        // weight, mean and m2
        assertThat(bytes).hasSize(327 + 2 + "m-grocer".length() + 8 + 2 + "5411".length() + 3 * 8);
        assertThat(CardProfileCodec.decode(bytes)).isEqualTo(profile);
    }

    @Test
    void theLargestProfileButForItsRecentMerchantsRoundTripsInMaxFixedSizeAndThem() {
        List<Transaction> history = new ArrayList<>();
        int i = 0;
        // one country in each of the 11 words of the set: first letters A, C, E, ... spread the bits
        for (char first = 'A'; first <= 'Z'; first++) {
            for (char second = 'A'; second <= 'Z'; second += 5) {
                history.add(
                        at(tx("tx-" + i, 100 + i, "" + first + second, MIDNIGHT.plus(Duration.ofMinutes(i))), BERLIN));
                i++;
            }
        }
        CardProfile profile = fold(history);

        byte[] bytes = CardProfileCodec.encode(profile);

        assertThat(bytes)
                .hasSize(CardProfileCodec.MAX_FIXED_SIZE + 2 + "m-grocer".length() + 8 + 2 + "5411".length() + 3 * 8)
                .hasSize(543 + 18 + 30);
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
        byte[] bytes = Arrays.copyOf(CardProfileCodec.encode(CardProfile.EMPTY), 312);

        assertThatThrownBy(() -> CardProfileCodec.decode(bytes)).hasMessage("card profile has 1 trailing bytes");
    }

    @Test
    void readsVersion1ProfilesWithEmptyHorizonsAndSketches() {
        CardProfile profile =
                fold(List.of(tx("tx-1", 1_234, HOME, MIDNIGHT), tx("tx-2", 999, HOME, MIDNIGHT.plusSeconds(60))));
        byte[] v5 = CardProfileCodec.encode(profile);
        // a version 1 profile is the v5 layout without the trailing horizons, sketches, recent merchants, peak and
        // categories
        byte[] v1 = Arrays.copyOf(v5, v5.length - (12 * 8 + 20 * 8) - RECENT_GROCER - PEAK - GROCERIES);
        v1[0] = 1;

        CardProfile read = CardProfileCodec.decode(v1);

        assertThat(read.count()).isEqualTo(2);
        assertThat(read.amounts()).isEqualTo(profile.amounts());
        assertThat(read.countries()).isEqualTo(profile.countries());
        assertThat(read.horizons()).isEqualTo(SpendHorizons.NONE);
        assertThat(read.merchants()).isEqualTo(Sketch.NO_MERCHANTS);
        assertThat(CardProfileCodec.decode(CardProfileCodec.encode(read))).isEqualTo(read);
    }

    @Test
    void readsVersion2ProfilesWithoutRecentMerchants() {
        CardProfile profile =
                fold(List.of(tx("tx-1", 1_234, HOME, MIDNIGHT), tx("tx-2", 999, HOME, MIDNIGHT.plusSeconds(60))));
        byte[] v5 = CardProfileCodec.encode(profile);
        byte[] v2 = Arrays.copyOf(v5, v5.length - RECENT_GROCER - PEAK - GROCERIES);
        v2[0] = 2;

        CardProfile read = CardProfileCodec.decode(v2);

        assertThat(read.recentMerchants()).isEqualTo(RecentMerchants.NONE);
        assertThat(read.horizons()).isEqualTo(profile.horizons());
        assertThat(read.merchants()).isEqualTo(profile.merchants());
        assertThat(CardProfileCodec.decode(CardProfileCodec.encode(read))).isEqualTo(read);
    }

    @Test
    void readsVersion3ProfilesWithoutARecentPeak() {
        CardProfile profile =
                fold(List.of(tx("tx-1", 1_000, HOME, MIDNIGHT), tx("tx-2", 9_000, HOME, MIDNIGHT.plusSeconds(60))));
        assertThat(profile.ratioPeak()).isEqualTo(9.0);
        byte[] v5 = CardProfileCodec.encode(profile);
        byte[] v3 = Arrays.copyOf(v5, v5.length - PEAK - GROCERIES);
        v3[0] = 3;

        CardProfile read = CardProfileCodec.decode(v3);

        assertThat(read.ratioPeak()).isZero();
        assertThat(read.recentMerchants()).isEqualTo(profile.recentMerchants());
        assertThat(read.horizons()).isEqualTo(profile.horizons());
        assertThat(CardProfileCodec.decode(CardProfileCodec.encode(read))).isEqualTo(read);
    }

    @Test
    void readsVersion4ProfilesWithoutAmountsPerCategory() {
        CardProfile profile =
                fold(List.of(tx("tx-1", 1_000, HOME, MIDNIGHT), tx("tx-2", 9_000, HOME, MIDNIGHT.plusSeconds(60))));
        assertThat(profile.mccAmounts().in("5411").mean()).isCloseTo(5_000.0, within(1.0));
        byte[] v5 = CardProfileCodec.encode(profile);
        byte[] v4 = Arrays.copyOf(v5, v5.length - GROCERIES);
        v4[0] = 4;

        CardProfile read = CardProfileCodec.decode(v4);

        assertThat(read.mccAmounts()).isEqualTo(MccAmounts.NONE);
        assertThat(read.ratioPeak()).isEqualTo(profile.ratioPeak());
        assertThat(read.recentMerchants()).isEqualTo(profile.recentMerchants());
        assertThat(CardProfileCodec.decode(CardProfileCodec.encode(read))).isEqualTo(read);
    }

    @Test
    void roundTripsTheAmountsOfEachCategoryTheCardKeeps() {
        List<Transaction> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(Transaction.newBuilder(tx("tx-" + i, 1_000 + i, HOME, MIDNIGHT.plus(Duration.ofHours(i))))
                    .setMcc("" + (5000 + i))
                    .build());
        }
        CardProfile profile = fold(history);

        CardProfile read = CardProfileCodec.decode(CardProfileCodec.encode(profile));

        assertThat(read).isEqualTo(profile);
        assertThat(read.mccAmounts().size()).isEqualTo(MccAmounts.CAPACITY);
        // the two least used lately (the earliest) went
        assertThat(read.mccAmounts().in("5000")).isEqualTo(AmountStats.NONE);
        assertThat(read.mccAmounts().in("5001")).isEqualTo(AmountStats.NONE);
        assertThat(read.mccAmounts().in("5009").mean()).isEqualTo(1_009.0);
    }

    @Test
    void refusesMoreCategoriesThanItKeeps() {
        byte[] bytes = CardProfileCodec.encode(CardProfile.EMPTY);
        bytes[bytes.length - NO_CATEGORIES] = MccAmounts.CAPACITY + 1;

        assertThatThrownBy(() -> CardProfileCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("card profile holds 9 categories, at most 8 allowed");
    }

    @Test
    void refusesACategoryStoredTwice() {
        byte[] one = CardProfileCodec.encode(fold(List.of(tx("tx-1", 1_000, HOME, MIDNIGHT))));
        byte[] category = Arrays.copyOfRange(one, one.length - GROCERIES + 1, one.length);
        byte[] twice = Arrays.copyOf(one, one.length + category.length);
        System.arraycopy(category, 0, twice, one.length, category.length);
        twice[one.length - GROCERIES] = 2;

        assertThatThrownBy(() -> CardProfileCodec.decode(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("card profile holds category 5411 twice");
    }

    @Test
    void refusesANegativePeak() {
        byte[] bytes = CardProfileCodec.encode(CardProfile.EMPTY);
        ByteBuffer.wrap(bytes).putDouble(bytes.length - NO_CATEGORIES - PEAK, -1.0);

        assertThatThrownBy(() -> CardProfileCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ratioPeak must not be negative: -1.0");
    }

    @Test
    void roundTripsTheLatestSixteenMerchantsLatestFirst() {
        List<Transaction> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            history.add(Transaction.newBuilder(tx("tx-" + i, 1_000, HOME, MIDNIGHT.plus(Duration.ofHours(i))))
                    .setMerchantId("m-" + i + "-ü")
                    .build());
        }
        CardProfile profile = fold(history);

        CardProfile read = CardProfileCodec.decode(CardProfileCodec.encode(profile));

        assertThat(read).isEqualTo(profile);
        assertThat(read.recentMerchants().within(MIDNIGHT.plus(Duration.ofDays(1)), Duration.ofDays(30)))
                .extracting(RecentMerchants.Visit::merchantId)
                .hasSize(RecentMerchants.CAPACITY)
                .startsWith("m-19-ü", "m-18-ü")
                .endsWith("m-4-ü");
    }

    @Test
    void refusesMoreRecentMerchantsThanItKeeps() {
        byte[] bytes = CardProfileCodec.encode(CardProfile.EMPTY);
        bytes[bytes.length - NO_CATEGORIES - PEAK - 1] = RecentMerchants.CAPACITY + 1;

        assertThatThrownBy(() -> CardProfileCodec.decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("card profile holds 17 recent merchants, at most 16 allowed");
    }

    @Test
    void roundTripsHorizonsAndSketches() {
        CardProfile profile =
                fold(List.of(tx("tx-1", 1_234, HOME, MIDNIGHT), tx("tx-2", 999, HOME, MIDNIGHT.plusSeconds(60))));

        CardProfile read = CardProfileCodec.decode(CardProfileCodec.encode(profile));

        assertThat(read.horizons()).isEqualTo(profile.horizons());
        assertThat(read.merchants().contains("m-grocer")).isTrue();
        assertThat(read.mccs().contains("5411")).isTrue();
        assertThat(read).isEqualTo(profile);
    }
}
