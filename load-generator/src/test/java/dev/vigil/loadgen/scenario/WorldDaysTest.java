package dev.vigil.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorldDaysTest {

    static final Instant FIRST_DAY = Instant.parse("2026-10-01T00:00:00Z");
    static final int DAYS = 20;
    static final Population POPULATION = Population.generate(new SplittableRandom(7), 2_000, 1);
    /** A fifth of run's shares: about 0.5 % fraud. */
    static final ScenarioRates RATES = ScenarioRates.defaults().scaled(0.2);

    static List<SimTransaction> world(long seed) {
        List<SimTransaction> rows = new ArrayList<>();
        new WorldDays(POPULATION, FIRST_DAY, DAYS, RATES, seed, "w").forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void playsEveryScenarioAtItsShareAmongTheGenuineDaysInEventTimeOrder() {
        List<SimTransaction> rows = world(3);

        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).eventTime()).isAfterOrEqualTo(rows.get(i - 1).eventTime());
        }
        assertThat(rows.get(0).eventTime()).isAfterOrEqualTo(FIRST_DAY);
        assertThat(rows.get(rows.size() - 1).eventTime()).isBefore(FIRST_DAY.plus(Duration.ofDays(DAYS)));
        assertThat(new HashSet<>(
                        rows.stream().map(SimTransaction::transactionId).toList()))
                .hasSize(rows.size());
        Map<Scenario, Long> frauds = new EnumMap<>(Scenario.class);
        rows.stream().filter(SimTransaction::isFraud).forEach(tx -> frauds.merge(tx.scenario(), 1L, Long::sum));
        assertThat(frauds)
                .containsOnlyKeys(
                        Scenario.CARD_TESTING,
                        Scenario.ACCOUNT_TAKEOVER,
                        Scenario.IMPOSSIBLE_TRAVEL,
                        Scenario.COMPROMISED_MERCHANT,
                        Scenario.HIGH_AMOUNT);
        double fraudShare = frauds.values().stream().mapToLong(Long::longValue).sum() / (double) rows.size();
        // about 80,000 transactions: the shares hold within a fifth
        assertThat(fraudShare).isCloseTo(RATES.total(), within(RATES.total() / 5));
        assertThat(frauds.get(Scenario.CARD_TESTING) / (double) rows.size())
                .isCloseTo(RATES.share(Scenario.CARD_TESTING), within(RATES.share(Scenario.CARD_TESTING) / 3));
    }

    @Test
    void chargebacksComeOneToTenDaysAfterTheFraudTheSameInEveryRun() {
        WorldDays world = new WorldDays(POPULATION, FIRST_DAY, DAYS, RATES, 3, "w");
        List<Duration> delays = new ArrayList<>();
        world.forEachRemaining(tx -> {
            if (tx.isFraud()) {
                delays.add(Duration.between(tx.eventTime(), world.chargebackAt(tx)));
            }
        });
        // another run of the same world: its ids carry the run's name, its chargebacks must not depend on it
        WorldDays again = new WorldDays(POPULATION, FIRST_DAY, DAYS, RATES, 3, "another-run");
        List<Duration> replayed = new ArrayList<>();
        again.forEachRemaining(tx -> {
            if (tx.isFraud()) {
                replayed.add(Duration.between(tx.eventTime(), again.chargebackAt(tx)));
            }
        });

        assertThat(delays).isNotEmpty().isEqualTo(replayed).allSatisfy(d -> assertThat(d)
                .isBetween(Duration.ofDays(1), Duration.ofDays(10)));
        assertThat(delays.stream().mapToLong(Duration::toHours).average().orElseThrow())
                .as("spread over the range, not all at one end")
                .isBetween(4.5 * 24, 6.5 * 24);
    }

    @Test
    void aBreachedShopLeaksTheCardsUsedThereForTwoDaysAndTheyAreDefraudedHoursToWeeksLaterElsewhere() {
        WorldDays world = new WorldDays(POPULATION, FIRST_DAY, DAYS, RATES, 3, "w");
        List<SimTransaction> rows = new ArrayList<>();
        world.forEachRemaining(rows::add);
        Breaches breaches = world.breaches();
        List<SimTransaction> frauds = rows.stream()
                .filter(tx -> tx.scenario() == Scenario.COMPROMISED_MERCHANT)
                .toList();

        assertThat(breaches.breaches()).hasSizeBetween(DAYS / 6, DAYS / 6 + 1).allSatisfy(b -> {
            assertThat(b.merchant().online()).isFalse();
            assertThat(Duration.between(b.opens(), b.closes())).isEqualTo(Duration.ofDays(2));
        });
        Set<Integer> leaked = new HashSet<>();
        breaches.leaks().forEach(leak -> leaked.add(leak.card().index()));
        assertThat(leaked.size())
                .as("a small share of the population leaks")
                .isPositive()
                .isLessThan(POPULATION.cardholders().size() / 10);
        // the shop's own transactions stay genuine: every leak is a genuine purchase there, in the window
        Set<String> genuinePurchases = new HashSet<>();
        rows.stream()
                .filter(tx -> !tx.isFraud())
                .forEach(tx -> genuinePurchases.add(tx.pan() + " " + tx.merchantId() + " " + tx.eventTime()));
        assertThat(breaches.leaks()).allSatisfy(leak -> assertThat(breaches.breaches())
                .anyMatch(b -> b.leaks(b.merchant(), leak.at())
                        && genuinePurchases.contains(
                                leak.card().pan() + " " + b.merchant().id() + " " + leak.at())));
        assertThat(frauds.size())
                .as("about the scenario's share of the days after the first leaked cards are for sale")
                .isGreaterThan((int) (RATES.share(Scenario.COMPROMISED_MERCHANT) * rows.size() / 2));
        assertThat(frauds).allSatisfy(fraud -> {
            assertThat(fraud.cardPresent()).isFalse();
            assertThat(breaches.breaches()).noneMatch(b -> b.merchant().id().equals(fraud.merchantId()));
            assertThat(breaches.leaks())
                    .as("leaked 6 hours to 14 days before")
                    .anyMatch(leak -> leak.card().pan().equals(fraud.pan())
                            && !leak.at().plus(Duration.ofHours(6)).isAfter(fraud.eventTime())
                            && !leak.at().plus(Duration.ofDays(14)).isBefore(fraud.eventTime()));
        });
    }

    @Test
    void oneSeedGivesOneWorld() {
        List<SimTransaction> once = world(5);
        assertThat(world(5)).isEqualTo(once);
        assertThat(world(6)).isNotEqualTo(once);
    }
}
