package dev.vigil.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GenuineDaysTest {

    static final Instant FIRST_DAY = Instant.parse("2026-10-01T00:00:00Z");
    static final int CARDS = 300;
    static final int DAYS = 10;
    static final Population POPULATION = Population.generate(new SplittableRandom(7), CARDS, 2);

    static List<SimTransaction> all(long seed) {
        List<SimTransaction> rows = new ArrayList<>();
        new GenuineDays(POPULATION, FIRST_DAY.plusSeconds(3_600), DAYS, seed, "t").forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void oneSeedGivesTheSameRowsAndAnotherSeedOthers() {
        List<SimTransaction> once = all(1);

        assertThat(all(1)).isEqualTo(once);
        assertThat(all(2)).isNotEqualTo(once);
    }

    @Test
    void rowsComeInEventTimeOrderWithinTheDaysAskedForAndUniqueIds() {
        List<SimTransaction> rows = all(1);

        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).eventTime()).isAfterOrEqualTo(rows.get(i - 1).eventTime());
        }
        assertThat(rows.get(0).eventTime()).as("from the first day's midnight").isAfterOrEqualTo(FIRST_DAY);
        assertThat(rows.get(rows.size() - 1).eventTime()).isBefore(FIRST_DAY.plus(Duration.ofDays(DAYS)));
        assertThat(rows.stream().map(SimTransaction::transactionId).distinct()).hasSize(rows.size());
        assertThat(rows).allSatisfy(row -> assertThat(row.isFraud()).isFalse());
    }

    @Test
    void aCardBuysAFewTimesADayMostlyInItsUsualHours() {
        List<SimTransaction> rows = all(1);
        Map<String, Cardholder> byPan = new HashMap<>();
        POPULATION.cardholders().forEach(card -> byPan.put(card.pan(), card));

        double perCardAndDay = (double) rows.size() / (CARDS * DAYS);
        long inUsualHours = rows.stream()
                .filter(row -> byPan.get(row.pan())
                        .activeAt(row.eventTime().atOffset(ZoneOffset.UTC).getHour()))
                .count();

        assertThat(perCardAndDay).as("purchases per card and day").isBetween(1.5, 4.0);
        assertThat((double) inUsualHours / rows.size())
                .as("share in the card's usual hours")
                .isGreaterThan(0.9);
        assertThat(new HashSet<>(rows.stream().map(SimTransaction::pan).toList()))
                .as("cards that bought")
                .hasSizeGreaterThan(CARDS * 9 / 10);
    }

    @Test
    void eachCardKeepsItsOwnPace() {
        GenuineDays month = new GenuineDays(POPULATION, FIRST_DAY, 30, 1, "t");
        Map<String, Integer> counts = new HashMap<>();
        month.forEachRemaining(row -> counts.merge(row.pan(), 1, Integer::sum));

        Cardholder slowest = POPULATION.cardholders().stream()
                .min((a, b) -> Double.compare(month.pacePerDay(a), month.pacePerDay(b)))
                .orElseThrow();
        Cardholder fastest = POPULATION.cardholders().stream()
                .max((a, b) -> Double.compare(month.pacePerDay(a), month.pacePerDay(b)))
                .orElseThrow();

        assertThat(counts.getOrDefault(fastest.pan(), 0)).isGreaterThan(3 * counts.getOrDefault(slowest.pan(), 0));
    }

    @Test
    void endsAfterTheLastDayAndRefusesNoDays() {
        GenuineDays one = new GenuineDays(POPULATION, FIRST_DAY, 1, 1, "t");
        one.forEachRemaining(row -> {});

        assertThatThrownBy(one::next).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> new GenuineDays(POPULATION, FIRST_DAY, 0, 1, "t"))
                .hasMessage("days must be at least 1: 0");
    }
}
