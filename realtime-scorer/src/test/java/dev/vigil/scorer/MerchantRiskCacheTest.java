package dev.vigil.scorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.MerchantRisk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class MerchantRiskCacheTest {

    static final String BANK = "bank-a";
    static final String GROCER = "m-grocer";

    /** A stand-in for the global store: the records it holds, and each read asked of it. */
    final Map<String, MerchantRisk> table = new HashMap<>();

    final List<String> reads = new ArrayList<>();
    final BiFunction<String, String, MerchantRisk> store = (bank, merchant) -> {
        reads.add(bank + "|" + merchant);
        return table.get(merchant);
    };

    @Test
    void aSecondLookUpIsAnsweredWithoutReadingTheStore() {
        MerchantRiskCache cache = new MerchantRiskCache(10);
        table.put(GROCER, ModelScoringTopologyTest.risk(BANK, 0.01));

        MerchantRisk first = cache.get(BANK, GROCER, store);
        MerchantRisk second = cache.get(BANK, GROCER, store);

        assertThat(second).isSameAs(first);
        assertThat(first.getFraudRate7d()).isEqualTo(0.01);
        assertThat(reads).containsExactly("bank-a|m-grocer");
    }

    @Test
    void aMerchantWithoutARecordIsRememberedAsNone() {
        MerchantRiskCache cache = new MerchantRiskCache(10);

        assertThat(cache.get(BANK, GROCER, store)).isNull();
        assertThat(cache.get(BANK, GROCER, store)).isNull();

        assertThat(reads).hasSize(1);
    }

    @Test
    void aWriteToTheStoreRetiresWhatWasReadBefore() {
        MerchantRiskCache cache = new MerchantRiskCache(10);
        cache.get(BANK, GROCER, store);

        table.put(GROCER, ModelScoringTopologyTest.risk(BANK, 0.2));
        cache.changed();

        assertThat(cache.get(BANK, GROCER, store).getFraudRate7d()).isEqualTo(0.2);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aReadDuringAWriteIsNotTrustedAfterTheWrite() {
        MerchantRiskCache cache = new MerchantRiskCache(10);
        // the global thread writes while the stream thread reads the old record
        BiFunction<String, String, MerchantRisk> racing = (bank, merchant) -> {
            MerchantRisk old = ModelScoringTopologyTest.risk(BANK, 0.01);
            table.put(GROCER, ModelScoringTopologyTest.risk(BANK, 0.2));
            cache.changed();
            return old;
        };
        assertThat(cache.get(BANK, GROCER, racing).getFraudRate7d()).isEqualTo(0.01);

        assertThat(cache.get(BANK, GROCER, store).getFraudRate7d()).isEqualTo(0.2);
    }

    @Test
    void banksHaveTheirOwnEntries() {
        MerchantRiskCache cache = new MerchantRiskCache(10);
        cache.get(BANK, GROCER, store);
        cache.get("bank-b", GROCER, store);

        assertThat(reads).containsExactly("bank-a|m-grocer", "bank-b|m-grocer");
    }

    @Test
    void pastItsBoundItStartsAgainEmpty() {
        MerchantRiskCache cache = new MerchantRiskCache(2);
        cache.get(BANK, "m-1", store);
        cache.get(BANK, "m-2", store);
        cache.get(BANK, "m-3", store);
        reads.clear();

        cache.get(BANK, "m-1", store);
        cache.get(BANK, "m-2", store);

        assertThat(reads).containsExactly("bank-a|m-1", "bank-a|m-2");
    }
}
