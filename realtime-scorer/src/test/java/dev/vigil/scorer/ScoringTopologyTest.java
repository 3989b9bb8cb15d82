package dev.vigil.scorer;

import static dev.vigil.scorer.CardTransactions.ABROAD;
import static dev.vigil.scorer.CardTransactions.CARD;
import static dev.vigil.scorer.CardTransactions.HOME;
import static dev.vigil.scorer.CardTransactions.MIDNIGHT;
import static dev.vigil.scorer.CardTransactions.ONE_MINUTE_LATER;
import static dev.vigil.scorer.CardTransactions.OTHER_CARD;
import static dev.vigil.scorer.CardTransactions.SCORED_AT;
import static dev.vigil.scorer.CardTransactions.day;
import static dev.vigil.scorer.CardTransactions.tx;
import static dev.vigil.scorer.CardTransactions.usualDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Alert;
import dev.vigil.events.Decision;
import dev.vigil.events.Reason;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardProfile;
import dev.vigil.features.rules.RulesScorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringTopologyTest {

    @TempDir
    Path stateDir;

    ScorerDriver scorer;

    @BeforeEach
    void startDriver() {
        scorer = new ScorerDriver(stateDir);
    }

    @AfterEach
    void closeDriver() {
        scorer.close();
    }

    void sendUsualWeek() {
        for (int d = 0; d < 6; d++) {
            scorer.send(usualDay(d));
        }
    }

    static List<String> codes(Alert alert) {
        return alert.getReasons().stream().map(Reason::getCode).toList();
    }

    @Test
    void flagsAnAmountFarAboveUsual() {
        sendUsualWeek();
        Transaction television = tx("tx-tv", 245_000, HOME, day(6));

        scorer.send(television);

        KeyValue<String, Alert> alert = scorer.alerts.readKeyValue();
        assertThat(alert.key).isEqualTo(CARD);
        assertThat(codes(alert.value)).containsExactly("AMOUNT_FAR_ABOVE_USUAL");
        assertThat(alert.value.getDecision()).isEqualTo(Decision.REVIEW);
        assertThat(alert.value.getScore()).isEqualTo(0.75);
        assertThat(alert.value.getModelVersion()).isEqualTo(RulesScorer.VERSION);
        assertThat(alert.value.getAlertId()).isEqualTo(Alerts.alertId("bank-a", "tx-tv"));
        assertThat(alert.value.getTransactionId()).isEqualTo("tx-tv");
        assertThat(alert.value.getAmountMinor()).isEqualTo(245_000);
        assertThat(alert.value.getCardLast4()).isEqualTo("9855");
        assertThat(alert.value.getEventTime()).isEqualTo(day(6));
        assertThat(alert.value.getScoredAt()).isEqualTo(SCORED_AT);
        assertThat(scorer.alerts.isEmpty()).isTrue();
        assertThat(scorer.counter("vigil.scorer.alerts", "reason", "AMOUNT_FAR_ABOVE_USUAL"))
                .isEqualTo(1);
        assertThat(scorer.counter("vigil.scorer.scored", "decision", "APPROVE")).isEqualTo(6);
        assertThat(scorer.counter("vigil.scorer.scored", "decision", "REVIEW")).isEqualTo(1);
    }

    @Test
    void flagsABurstOfTransactions() {
        // rules-v2: a burst is three within ten minutes (rules-v1: five, which genuine cards reached at demo pace)
        for (int i = 0; i < 2; i++) {
            scorer.send(tx("tx-b" + i, 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(2L * i))));
        }
        assertThat(scorer.alerts.isEmpty())
                .as("two in two minutes are not yet a burst")
                .isTrue();

        scorer.send(tx("tx-b2", 500, HOME, MIDNIGHT.plus(Duration.ofMinutes(4))));

        Alert alert = scorer.alerts.readValue();
        assertThat(alert.getTransactionId()).isEqualTo("tx-b2");
        assertThat(codes(alert)).containsExactly("BURST_OF_TRANSACTIONS");
    }

    @Test
    void flagsANewCountryForTheCard() {
        sendUsualWeek();

        scorer.send(tx("tx-br", 1_000, ABROAD, day(6)));

        Alert alert = scorer.alerts.readValue();
        assertThat(codes(alert)).containsExactly("NEW_COUNTRY_FOR_CARD");
        assertThat(alert.getMerchantCountry()).isEqualTo(ABROAD);
    }

    @Test
    void doesNotAlertForANormalHistory() {
        sendUsualWeek();
        scorer.send(tx("tx-d6", 1_200, HOME, day(6)), tx("tx-d7", 900, HOME, day(7)));

        assertThat(scorer.alerts.isEmpty()).isTrue();
        assertThat(scorer.counter("vigil.scorer.scored", "decision", "APPROVE")).isEqualTo(8);
    }

    @Test
    void aDuplicateTransactionIdIsScoredOnce() {
        sendUsualWeek();
        Transaction television = tx("tx-tv", 245_000, HOME, day(6));

        scorer.send(television, television);

        assertThat(scorer.alerts.readValuesToList()).hasSize(1);
        assertThat(profile(CARD).count())
                .as("the retry did not enter the profile")
                .isEqualTo(7);
        assertThat(scorer.meters.find("vigil.scorer.duplicates").counter().count())
                .isEqualTo(1);
    }

    @Test
    void theSameTransactionIdOnAnotherCardIsScored() {
        scorer.send(tx(CARD, "tx-1", 1_000, HOME, MIDNIGHT), tx(OTHER_CARD, "tx-1", 1_000, HOME, MIDNIGHT));

        assertThat(profile(CARD).count()).isEqualTo(1);
        assertThat(profile(OTHER_CARD).count()).isEqualTo(1);
    }

    @Test
    void theProfileStoreHoldsTheCardsHistoryAfterASequence() {
        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT), tx("tx-2", 3_000, ABROAD, ONE_MINUTE_LATER));

        CardProfile profile = profile(CARD);
        assertThat(profile.count()).isEqualTo(2);
        assertThat(profile.lastEventTime()).isEqualTo(ONE_MINUTE_LATER);
        assertThat(profile.amounts().mean())
                .as("1000 and 3000, a minute apart")
                .isCloseTo(2_000.0, org.assertj.core.api.Assertions.within(0.1));
        assertThat(profile.countries().contains(HOME)).isTrue();
        assertThat(profile.countries().contains(ABROAD)).isTrue();
        assertThat(profile(OTHER_CARD)).isNull();
    }

    @Test
    void expiredDedupEntriesAreRemoved() {
        scorer.send(tx("tx-1", 1_000, HOME, MIDNIGHT));
        assertThat(seenEntries(CARD, "tx-1")).hasSize(1);

        // stream time moves past the retention (one day) and the store's segment
        scorer.send(tx("tx-2", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(3))));

        assertThat(seenEntries(CARD, "tx-1")).isEmpty();
        assertThat(seenEntries(CARD, "tx-2")).hasSize(1);
    }

    @Test
    void aRetryAfterTheDedupRetentionIsScoredAgain() {
        Transaction first = tx("tx-1", 1_000, HOME, MIDNIGHT);
        scorer.send(first, tx("tx-2", 1_000, HOME, MIDNIGHT.plus(Duration.ofDays(3))), first);

        assertThat(profile(CARD).count()).isEqualTo(3);
    }

    CardProfile profile(String card) {
        KeyValueStore<String, CardProfile> store = scorer.driver.getKeyValueStore(ScoringTopology.PROFILES_STORE);
        return store.get(card);
    }

    List<Long> seenEntries(String card, String transactionId) {
        WindowStore<String, Long> store = scorer.driver.getWindowStore(ScoringTopology.SEEN_STORE);
        try (WindowStoreIterator<Long> entries =
                store.fetch(CardScorer.dedupKey(card, transactionId), 0L, Long.MAX_VALUE)) {
            List<Long> times = new java.util.ArrayList<>();
            entries.forEachRemaining(entry -> times.add(entry.key));
            return times;
        }
    }
}
