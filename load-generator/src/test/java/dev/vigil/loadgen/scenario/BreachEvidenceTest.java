package dev.vigil.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreachEvidenceTest {

    /** The live day's start: the world's 30 days before it are history. */
    static final Instant AS_OF = WorldDaysTest.FIRST_DAY.plus(Duration.ofDays(30));

    private BreachEvidence evidence;

    @BeforeAll
    void weigh() {
        evidence = BreachEvidence.of(
                new WorldDays(WorldDaysTest.POPULATION, WorldDaysTest.FIRST_DAY, 31, WorldDaysTest.RATES, 3, "w"),
                AS_OF);
    }

    @Test
    void everyLaterCompromisedMerchantFraudUsesACardOfABreach() {
        assertThat(evidence.laterFrauds()).isPositive();
        assertThat(evidence.breaches().stream()
                        .mapToInt(BreachEvidence.Breach::laterFrauds)
                        .sum())
                .isGreaterThanOrEqualTo(evidence.laterFrauds());
        // one every six days from a random time in the first six
        assertThat(evidence.breaches()).hasSizeBetween(5, 6);
        // about 0.5 % of the transactions are fraud, each on a card of its own: many cards are defrauded in a month
        assertThat(evidence.cards())
                .isEqualTo(WorldDaysTest.POPULATION.cardholders().size());
        assertThat(evidence.defraudedCards()).isBetween(evidence.cards() / 10, evidence.cards() / 3);
    }

    @Test
    void ranksEveryShopDayOnce() {
        List<BreachEvidence.ShopDay> days =
                evidence.breaches().stream().flatMap(b -> b.days().stream()).toList();
        int shopDays = days.get(0).shopDays();
        assertThat(days)
                .extracting(BreachEvidence.ShopDay::rank)
                .doesNotHaveDuplicates()
                .allMatch(rank -> rank >= 1 && rank <= shopDays);
        for (BreachEvidence.ShopDay d : days) {
            assertThat(d.lift()).isEqualTo((d.defrauded() + 1) / (d.visitors() * d.dayShare() + 1));
        }
    }

    @Test
    void anOldBreachStandsOutOnceItsCardsWereUsedAndChargedBackAndTheNewestDoesNot() {
        BreachEvidence.Breach oldest = evidence.breaches().get(0);
        BreachEvidence.Breach newest =
                evidence.breaches().get(evidence.breaches().size() - 1);

        assertThat(best(oldest)).isLessThanOrEqualTo(10);
        assertThat((double) oldest.charged() / oldest.leaked()).isGreaterThan(0.5);
        assertThat((double) newest.charged() / newest.leaked()).isLessThan(0.2);
        assertThat(best(newest)).isGreaterThan(10);
    }

    private static int best(BreachEvidence.Breach breach) {
        return breach.days().stream()
                .mapToInt(BreachEvidence.ShopDay::rank)
                .min()
                .orElseThrow();
    }

    @Test
    void countsTheLaterGenuinePurchasesOfTheCardsThatBoughtOnTheBreachDays() {
        for (BreachEvidence.Breach b : evidence.breaches()) {
            if (!b.closes().isAfter(AS_OF)) {
                // the leaked cards bought there on those days; so did others (a breach still open leaks on)
                assertThat(b.dayCards()).isGreaterThanOrEqualTo(b.leaked());
            }
            assertThat(b.dayCardsLaterNotPresent()).isBetween(0, b.dayCardsLaterGenuine());
            if (!b.closes().isAfter(AS_OF)) {
                assertThat(b.leakedLaterNotPresent()).isBetween(0, b.dayCardsLaterNotPresent());
            }
        }
        // a card buys a few times a day: the cards of a breach's days keep buying on the live day
        assertThat(evidence.breaches().get(0).dayCardsLaterGenuine())
                .isGreaterThan(evidence.breaches().get(0).dayCards());
    }

    @Test
    void rendersEachBreachWithItsDays() {
        String text = evidence.render();
        IntStream.range(0, evidence.breaches().size()).forEach(i -> assertThat(text)
                .contains(evidence.breaches().get(i).merchantId() + " "
                        + evidence.breaches().get(i).opens()));
    }
}
