package dev.vigil.scorer;

import static dev.vigil.scorer.CardTransactions.CARD;
import static dev.vigil.scorer.CardTransactions.HOME;
import static dev.vigil.scorer.CardTransactions.MIDNIGHT;
import static dev.vigil.scorer.CardTransactions.OTHER_CARD;
import static dev.vigil.scorer.CardTransactions.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.TransactionScore;
import dev.vigil.features.rules.RulesConfig;
import dev.vigil.features.rules.RulesScorer;
import dev.vigil.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deliberately bad model (it alerts on everything) in the topology: the scorer refuses it by itself. */
class AlertBudgetTopologyTest {

    static final int WINDOW = 20;
    static final ScorerSettings SETTINGS = new ScorerSettings(
            Duration.ofDays(1),
            RulesConfig.DEFAULTS,
            "vigil-scorer",
            Duration.ofDays(30),
            Duration.ofHours(1),
            new AlertBudget(0.01, Map.of(), 0.05, WINDOW));
    static final String QUIET = "lr-quiet";
    static final String BAD = "lr-alerts-on-everything";

    @TempDir
    Path stateDir;

    ScorerDriver scorer;

    @BeforeEach
    void startDriver() {
        scorer = new ScorerDriver(stateDir, SETTINGS);
    }

    @AfterEach
    void closeDriver() {
        scorer.close();
    }

    void send(int from, int count) {
        for (int i = from; i < from + count; i++) {
            scorer.send(tx(
                    i % 2 == 0 ? CARD : OTHER_CARD, "tx-" + i, 1_000, HOME, MIDNIGHT.plus(Duration.ofHours(3L * i))));
        }
    }

    @Test
    void aModelThatAlertsOnEverythingIsRefusedAfterAWindowAndThePreviousModelScoresTheNextRecords() {
        scorer.publish(Models.constant(Topics.ALL_BANKS, QUIET, -5));
        send(0, 5);
        scorer.publish(Models.constant(Topics.ALL_BANKS, BAD, 5));
        send(5, WINDOW + 10);

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        assertThat(scores.subList(0, 5))
                .extracting(TransactionScore::getModelVersion)
                .containsOnly(QUIET);
        assertThat(scores.subList(5, 5 + WINDOW)).allSatisfy(score -> {
            assertThat(score.getModelVersion()).isEqualTo(BAD);
            assertThat(score.getAlerted()).isTrue();
        });
        assertThat(scores.subList(5 + WINDOW, scores.size())).hasSize(10).allSatisfy(score -> {
            assertThat(score.getModelVersion()).isEqualTo(QUIET);
            assertThat(score.getAlerted()).isFalse();
        });
        assertThat(scorer.meters
                        .find(ScorerMetrics.MODEL_FALLBACKS)
                        .tags("scope", Topics.ALL_BANKS, "from", BAD, "to", QUIET)
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(scorer.alerts.readValuesToList()).hasSize(WINDOW);
    }

    @Test
    void theRefusedModelPublishedAgainStaysOutUntilANewVersionArrives() {
        scorer.publish(Models.constant(Topics.ALL_BANKS, QUIET, -5));
        scorer.publish(Models.constant(Topics.ALL_BANKS, BAD, 5));
        send(0, WINDOW);

        scorer.publish(Models.constant(Topics.ALL_BANKS, BAD, 5));
        send(WINDOW, 1);
        scorer.publish(Models.constant(Topics.ALL_BANKS, "lr-retrained", -5));
        send(WINDOW + 1, 1);

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        assertThat(scores.get(WINDOW).getModelVersion()).isEqualTo(QUIET);
        assertThat(scores.get(WINDOW + 1).getModelVersion()).isEqualTo("lr-retrained");
    }

    @Test
    void aFirstModelThatAlertsOnEverythingFallsBackToTheRules() {
        scorer.publish(Models.constant(Topics.ALL_BANKS, BAD, 5));
        send(0, WINDOW + 1);

        List<TransactionScore> scores = scorer.scores.readValuesToList();
        assertThat(scores.get(WINDOW).getModelVersion()).isEqualTo(RulesScorer.VERSION);
        assertThat(scores.get(WINDOW).getAlerted()).isFalse();
    }
}
