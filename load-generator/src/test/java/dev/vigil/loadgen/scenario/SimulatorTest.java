package dev.vigil.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.loadgen.population.Luhn;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's output over a large sample: rates, shares, reproducibility, overlap of amounts. */
class SimulatorTest {

    static final Instant START = Instant.parse("2026-11-23T08:00:00Z");
    static final Duration SLOT = Duration.ofMillis(20); // 50 per second, as the demo sends
    static final int SAMPLE = 200_000;
    static List<SimTransaction> sample;

    @BeforeAll
    static void simulate() {
        sample = simulate(42, ScenarioRates.defaults(), SAMPLE);
    }

    static List<SimTransaction> simulate(long seed, ScenarioRates rates, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        Simulator simulator = new Simulator(Population.generate(random, 1_000, 2), rates, random, "test");
        List<SimTransaction> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(simulator.next(START.plus(SLOT.multipliedBy(i))));
        }
        return out;
    }

    @Test
    void eachScenarioMakesUpItsConfiguredShareOfTransactions() {
        Map<Scenario, Long> counts = sample.stream()
                .filter(SimTransaction::isFraud)
                .collect(Collectors.groupingBy(SimTransaction::scenario, Collectors.counting()));
        ScenarioRates rates = ScenarioRates.defaults();

        for (Scenario scenario : List.of(
                Scenario.CARD_TESTING,
                Scenario.ACCOUNT_TAKEOVER,
                Scenario.IMPOSSIBLE_TRAVEL,
                Scenario.COMPROMISED_MERCHANT,
                Scenario.HIGH_AMOUNT)) {
            double share = counts.getOrDefault(scenario, 0L) / (double) SAMPLE;
            assertThat(share)
                    .as(scenario.label())
                    .isCloseTo(rates.share(scenario), within(rates.share(scenario) * 0.15));
        }
        double fraudRate = sample.stream().filter(SimTransaction::isFraud).count() / (double) SAMPLE;
        assertThat(fraudRate).isCloseTo(rates.total(), within(rates.total() * 0.1));
    }

    @Test
    void aSwitchedOffScenarioNeverHappens() {
        Map<Scenario, Double> shares = new EnumMap<>(ScenarioRates.defaults().shares());
        shares.put(Scenario.CARD_TESTING, 0.0);

        assertThat(simulate(42, new ScenarioRates(shares), 20_000))
                .noneMatch(t -> t.scenario() == Scenario.CARD_TESTING)
                .anyMatch(t -> t.scenario() == Scenario.HIGH_AMOUNT);
    }

    @Test
    void theSameSeedGivesTheSameTransactionsAndAnotherSeedOthers() {
        assertThat(simulate(42, ScenarioRates.defaults(), 5_000)).isEqualTo(sample.subList(0, 5_000));
        assertThat(simulate(43, ScenarioRates.defaults(), 5_000)).isNotEqualTo(sample.subList(0, 5_000));
    }

    @Test
    void everyTransactionHasAValidCardAnUniqueIdAndTheCallersTime() {
        assertThat(sample).allSatisfy(t -> assertThat(Luhn.isValid(t.pan())).isTrue());
        assertThat(sample.stream().map(SimTransaction::transactionId).distinct().count())
                .isEqualTo(SAMPLE);
        assertThat(sample.get(1_234).eventTime()).isEqualTo(START.plus(SLOT.multipliedBy(1_234)));
        assertThat(sample).allSatisfy(t -> assertThat(t.amountMinor()).isPositive());
    }

    @Test
    void cardTestingIsBurstsOfTinyAmountsAtOnlineShopsNeverUsedBefore() {
        List<SimTransaction> tests = sample.stream()
                .filter(t -> t.scenario() == Scenario.CARD_TESTING)
                .toList();

        assertThat(tests).allSatisfy(t -> {
            assertThat(t.amountMinor()).isLessThan(600);
            assertThat(t.cardPresent()).isFalse();
            assertThat(t.merchantId()).startsWith("m-web-new-");
        });
        Map<String, Long> perShop =
                tests.stream().collect(Collectors.groupingBy(SimTransaction::merchantId, Collectors.counting()));
        assertThat(perShop.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 6L));
        assertThat(perShop.values().stream()
                        .mapToLong(Long::longValue)
                        .average()
                        .orElseThrow())
                .isGreaterThan(3.5);
    }

    @Test
    void aStolenCardIsUsedFarAwayWithinMinutesOfAGenuinePurchaseAtHome() {
        Map<String, List<SimTransaction>> byCard = sample.stream().collect(Collectors.groupingBy(SimTransaction::pan));
        List<SimTransaction> travels = sample.stream()
                .filter(t -> t.scenario() == Scenario.IMPOSSIBLE_TRAVEL)
                .toList();

        assertThat(travels).isNotEmpty().allSatisfy(fraud -> {
            assertThat(fraud.cardPresent()).isTrue();
            assertThat(byCard.get(fraud.pan()))
                    .as("a genuine card-present purchase at home shortly before")
                    .anyMatch(before -> !before.isFraud()
                            && before.cardPresent()
                            && List.of("DE", "FR", "ES", "IT", "NL", "AT").contains(before.merchantCountry())
                            && before.eventTime().isBefore(fraud.eventTime())
                            && Duration.between(before.eventTime(), fraud.eventTime())
                                            .compareTo(Duration.ofMinutes(2))
                                    < 0);
        });
    }

    @Test
    void takenOverAccountsSpendInACountryOutsideEurope() {
        assertThat(sample.stream().filter(t -> t.scenario() == Scenario.ACCOUNT_TAKEOVER))
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t.merchantCountry()).isIn("BR", "NG", "TH", "PH", "MX", "ID"));
    }

    @Test
    void leakedCardsHadBoughtAtABreachedShopBeforeTheirFraud() {
        Map<String, List<SimTransaction>> byCard = sample.stream().collect(Collectors.groupingBy(SimTransaction::pan));
        List<SimTransaction> leaked = sample.stream()
                .filter(t -> t.scenario() == Scenario.COMPROMISED_MERCHANT)
                .toList();
        Map<String, Long> cardsPerShopBefore = new HashMap<>();
        for (SimTransaction fraud : leaked) {
            byCard.get(fraud.pan()).stream()
                    .filter(t -> t.eventTime().isBefore(fraud.eventTime()) && !t.isFraud())
                    .map(SimTransaction::merchantId)
                    .distinct()
                    .forEach(shop -> cardsPerShopBefore.merge(shop, 1L, Long::sum));
        }
        // the two breached shops are the ones every leaked card had bought at
        long sharedByTopTwo = cardsPerShopBefore.values().stream()
                .sorted(Comparator.reverseOrder())
                .limit(2)
                .mapToLong(Long::longValue)
                .sum();
        assertThat(leaked).isNotEmpty();
        assertThat(sharedByTopTwo).isGreaterThanOrEqualTo(leaked.size());
    }

    @Test
    void noAmountThresholdSeparatesFraudFromGenuine() {
        // Every cut on the amount, in either direction, scored by Youden's J (recall minus false-positive rate).
        List<SimTransaction> byAmount = sample.stream()
                .sorted(Comparator.comparingLong(SimTransaction::amountMinor))
                .toList();
        long frauds = sample.stream().filter(SimTransaction::isFraud).count();
        long genuine = SAMPLE - frauds;
        long fraudBelow = 0;
        long genuineBelow = 0;
        double best = 0;
        for (SimTransaction t : byAmount) {
            if (t.isFraud()) {
                fraudBelow++;
            } else {
                genuineBelow++;
            }
            best = Math.max(best, Math.abs(fraudBelow / (double) frauds - genuineBelow / (double) genuine));
        }
        assertThat(best).isLessThan(0.6);
    }

    @Test
    void aTransactionNeverShowsItsCardNumberWhenPrinted() {
        SimTransaction transaction = sample.get(0);

        assertThat(transaction.toString()).doesNotContain(transaction.pan());
    }
}
