package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One customer's draws: counts per day, times inside the day, amounts, terminals. */
class SpendingTest {

    static final int DAYS = 20_000;

    @Test
    void poissonCountsHaveTheMeanAsMeanAndVariance() {
        SplittableRandom random = new SplittableRandom(11);
        int[] counts = IntStream.range(0, 200_000)
                .map(i -> Spending.poisson(2.5, random))
                .toArray();
        double mean = IntStream.of(counts).average().orElseThrow();
        double variance =
                IntStream.of(counts).mapToDouble(c -> (c - mean) * (c - mean)).sum() / counts.length;

        // standard error of the mean: sqrt(2.5 / 200000) = 0.0035
        assertThat(mean).isCloseTo(2.5, within(0.02));
        assertThat(variance).isCloseTo(2.5, within(0.05));
        assertThat(Spending.poisson(0, random)).isZero();
    }

    @Test
    void aCustomersTransactionsFollowItsProfileAndStayInsideTheDay() {
        Customer customer = new Customer(0, 50, 50, 40, 20, 2, new int[] {3, 7, 9});
        List<HandbookTransaction> drawn = new ArrayList<>();

        Spending.of(customer, DAYS, new SplittableRandom(5), drawn);

        // a time Normal(43200, 20000) falls inside the day with probability 0.9692; standard error sqrt(2 / DAYS) =
        // 0.01
        assertThat(drawn.size() / (double) DAYS).isCloseTo(2 * 0.9692, within(0.04));
        assertThat(drawn).allSatisfy(t -> {
            assertThat(t.second() % HandbookTransaction.SECONDS_PER_DAY)
                    .isBetween(1, HandbookTransaction.SECONDS_PER_DAY - 1);
            assertThat(t.terminal()).isIn(3, 7, 9);
            assertThat(t.amountCents()).isNotNegative();
            assertThat(t.scenario()).isZero();
        });
        double meanAmount = drawn.stream()
                        .mapToLong(HandbookTransaction::amountCents)
                        .average()
                        .orElseThrow()
                / 100;
        // Normal(40, 20), its 2.3 % of negative draws replaced by U(0, 80): 40 Phi(2) + 20 phi(2) + 40 Phi(-2) = 41.08,
        // standard error about 20 / sqrt(38000) = 0.1
        assertThat(meanAmount).isCloseTo(41.08, within(0.4));
        assertThat(drawn.stream()
                        .mapToInt(HandbookTransaction::terminal)
                        .distinct()
                        .count())
                .isEqualTo(3);
    }

    @Test
    void aCustomerWithoutTerminalsDrawsNothing() {
        List<HandbookTransaction> drawn = new ArrayList<>();

        Spending.of(new Customer(0, 50, 50, 40, 20, 4, new int[0]), 100, new SplittableRandom(5), drawn);

        assertThat(drawn).isEmpty();
    }
}
