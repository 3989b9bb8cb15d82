package dev.vigil.loadgen.population;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.card.BinCountries;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PopulationTest {

    @Test
    void everyCardNumberPassesTheLuhnCheckAndIsUnique() {
        Population population = Population.generate(new SplittableRandom(7), 5_000, 3);

        assertThat(population.cardholders()).allSatisfy(card -> {
            assertThat(card.pan()).hasSize(16);
            assertThat(Luhn.isValid(card.pan()))
                    .as("Luhn check of card #%d", card.index())
                    .isTrue();
        });
        assertThat(population.cardholders().stream().map(Cardholder::pan).distinct())
                .hasSize(5_000);
    }

    @Test
    void everyCardsBinIsIssuedInItsHoldersHomeCountryByIngestsTable() {
        Population population = Population.generate(new SplittableRandom(11), 600, 6);
        BinCountries table = BinCountries.defaults();

        assertThat(population.cardholders()).allSatisfy(card -> assertThat(table.countryOf(card.pan()))
                .as("issuing country of card #%d (%s)", card.index(), card.bankId())
                .contains(card.home().country()));
        assertThat(population.cardholders().stream()
                        .map(card -> card.pan().substring(0, 4))
                        .distinct())
                .as("each bank has its own prefix")
                .hasSize(6);
    }

    @Test
    void theSameSeedBuildsTheSamePopulation() {
        Population one = Population.generate(new SplittableRandom(42), 200, 2);
        Population two = Population.generate(new SplittableRandom(42), 200, 2);
        Population other = Population.generate(new SplittableRandom(43), 200, 2);

        assertThat(one.cardholders()).isEqualTo(two.cardholders());
        assertThat(one.cardholders()).isNotEqualTo(other.cardholders());
    }

    @Test
    void cardsAreSpreadOverTheBanksWithHabitsAndActiveHours() {
        Population population = Population.generate(new SplittableRandom(1), 300, 3);

        assertThat(population.cardholders()).extracting(Cardholder::bankId).containsOnly("bank-a", "bank-b", "bank-c");
        assertThat(population.cardholders()).allSatisfy(card -> {
            assertThat(card.habits()).hasSizeBetween(4, 6);
            assertThat(card.activeFrom()).isLessThan(card.activeUntil());
        });
    }

    @Test
    void aCardholderNeverShowsItsCardNumberWhenPrinted() {
        Cardholder card =
                Population.generate(new SplittableRandom(3), 1, 1).cardholders().get(0);

        assertThat(card.toString())
                .doesNotContain(card.pan())
                .doesNotContain(card.pan().substring(6, 12));
    }
}
