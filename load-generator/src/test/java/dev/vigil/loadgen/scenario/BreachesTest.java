package dev.vigil.loadgen.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.loadgen.population.Cardholder;
import dev.vigil.loadgen.population.Merchant;
import dev.vigil.loadgen.population.Population;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BreachesTest {

    static final Instant OPENS = Instant.parse("2026-10-03T12:00:00Z");
    static final Population POPULATION = Population.generate(new SplittableRandom(7), 20, 1);
    static final Merchant SHOP =
            POPULATION.merchants().stream().filter(m -> !m.online()).findFirst().orElseThrow();
    static final Merchant OTHER_SHOP = POPULATION.merchants().stream()
            .filter(m -> !m.online() && !m.equals(SHOP))
            .findFirst()
            .orElseThrow();
    static final Cardholder ALICE = POPULATION.cardholders().get(0);
    static final Cardholder BOB = POPULATION.cardholders().get(1);
    static final Cardholder CAROL = POPULATION.cardholders().get(2);

    static Breaches oneBreach() {
        return new Breaches(List.of(new Breaches.Breach(SHOP, OPENS, OPENS.plus(Breaches.LASTS))));
    }

    @Test
    void leaksEachCardThatBuysAtTheShopWhileBreachedOnce() {
        Breaches breaches = oneBreach();

        breaches.bought(ALICE, SHOP, OPENS.minusSeconds(1)); // before
        breaches.bought(BOB, SHOP, OPENS);
        breaches.bought(BOB, SHOP, OPENS.plus(Duration.ofHours(5))); // again: already leaked
        breaches.bought(CAROL, OTHER_SHOP, OPENS.plus(Duration.ofHours(6))); // elsewhere
        breaches.bought(ALICE, SHOP, OPENS.plus(Breaches.LASTS).minusSeconds(1));
        breaches.bought(CAROL, SHOP, OPENS.plus(Breaches.LASTS)); // closed

        assertThat(breaches.leaks())
                .containsExactly(
                        new Breaches.Leak(BOB, OPENS, breaches.breaches().get(0)),
                        new Breaches.Leak(
                                ALICE,
                                OPENS.plus(Breaches.LASTS).minusSeconds(1),
                                breaches.breaches().get(0)));
    }

    @Test
    void aLeakedCardIsForSaleFromSixHoursToFourteenDaysAfter() {
        Breaches breaches = oneBreach();
        breaches.bought(BOB, SHOP, OPENS);
        SplittableRandom random = new SplittableRandom(1);

        assertThat(breaches.usableAt(OPENS.plus(Breaches.FIRST_USE).minusMillis(1), random))
                .isNull();
        assertThat(breaches.usableAt(OPENS.plus(Breaches.FIRST_USE), random)).isEqualTo(BOB);
        assertThat(breaches.usableAt(OPENS.plus(Breaches.LAST_USE), random)).isEqualTo(BOB);
        assertThat(breaches.usableAt(OPENS.plus(Breaches.LAST_USE).plusMillis(1), random))
                .isNull();
    }

    @Test
    void scheduleBreachesACardPresentShopEverySixDaysForTwo() {
        Instant start = Instant.parse("2026-10-01T00:00:00Z");

        List<Breaches.Breach> breaches = Breaches.schedule(
                        POPULATION, start, start.plus(Duration.ofDays(30)), new SplittableRandom(3))
                .breaches();

        assertThat(breaches).hasSize(5);
        assertThat(breaches.get(0).opens()).isBetween(start, start.plus(Breaches.EVERY));
        for (int i = 0; i < breaches.size(); i++) {
            assertThat(breaches.get(i).merchant().online()).isFalse();
            assertThat(breaches.get(i).closes())
                    .isEqualTo(breaches.get(i).opens().plus(Duration.ofDays(2)));
            if (i > 0) {
                assertThat(breaches.get(i).opens())
                        .isEqualTo(breaches.get(i - 1).opens().plus(Duration.ofDays(6)));
            }
        }
    }
}
