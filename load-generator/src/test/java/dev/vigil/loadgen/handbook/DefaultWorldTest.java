package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default world against what its parameters predict. Each band is about five standard
 * deviations of the seed-to-seed spread, estimated in the comments; none is fitted to a run.
 */
class DefaultWorldTest {

    static final WorldParameters HANDBOOK = WorldParameters.handbook();
    static WorldSummary summary;
    static double seconds;

    @BeforeAll
    static void generate() {
        long began = System.nanoTime();
        summary = WorldSummary.of(HandbookWorld.generate(HANDBOOK).transactions());
        seconds = (System.nanoTime() - began) / 1e9;
    }

    /** A time of day Normal(43200, 20000) truncated to whole seconds is kept from 1 s to 86399 s. */
    static double keptInsideTheDay() {
        return phi((86_400 - 43_200) / 20_000.0) - phi((1 - 43_200) / 20_000.0);
    }

    @Test
    void customersMakeTwiceTheShareOfTimesKeptInsideTheDayPerDay() {
        // mean per day U(0, 4): 2 on average; the 5,000 customers' mean has a standard deviation of
        // (4 / sqrt 12) / sqrt 5000 = 0.0163; every customer reaches about 78 terminals, so all of them spend
        double expected = 2 * keptInsideTheDay();
        double perCustomerDay = summary.transactions() / (double) (HANDBOOK.customers() * HANDBOOK.days());

        assertThat(perCustomerDay).isCloseTo(expected, within(5 * 0.0163 * keptInsideTheDay()));
        assertThat(summary.transactions()).isBetween(1_650_000L, 1_900_000L);
    }

    @Test
    void theFraudShareIsWhatTheThreeScenariosPredict() {
        double perCustomerDay = 2 * keptInsideTheDay();
        double transactions = perCustomerDay * HANDBOOK.customers() * HANDBOOK.days();
        // scenario 1: P(Normal(m, m/2) > 220) averaged over m ~ U(5, 100)
        double share1 = aboveLimit();
        // scenario 2: a terminal drawn at random carries 1 / terminals of each day's transactions
        double share2 = HANDBOOK.terminalsPerDay()
                * compromisedDays(Compromises.TERMINAL_DAYS)
                / (double) (HANDBOOK.terminals() * HANDBOOK.days());
        // scenario 3: a customer drawn at random makes 1 / customers of them; a third of each draw's n,
        // rounded down, loses one transaction in three per draw on average
        double share3 = (HANDBOOK.customersPerDay()
                                * compromisedDays(Compromises.CUSTOMER_DAYS)
                                / (double) (HANDBOOK.customers() * HANDBOOK.days())
                        - (HANDBOOK.days() - 1) / transactions)
                / 3;

        // relative standard deviations: scenario 1 about 7 % (carried by the few hundred customers whose mean is
        // near 100), scenario 2 about 1.5 % (364 terminals whose traffic varies by 19 %, and counting), scenario 3
        // about 2.6 % (546 customers whose mean per day varies by 58 %); the total about 1.4 %
        assertThat(summary.scenario1() / (double) summary.transactions()).isCloseTo(share1, within(0.35 * share1));
        assertThat(summary.scenario2() / (double) summary.transactions()).isCloseTo(share2, within(0.08 * share2));
        assertThat(summary.scenario3() / (double) summary.transactions()).isCloseTo(share3, within(0.13 * share3));
        double share = share1 + share2 + share3;
        assertThat(summary.fraudShare()).isCloseTo(share, within(0.07 * share));
        // the published dataset: 1,754,155 transactions, about 0.8 % fraud
        assertThat(share).isBetween(0.0075, 0.0095);
    }

    @Test
    void theDefaultWorldTakesSeconds() {
        assertThat(seconds).isLessThan(20);
    }

    /** Days compromised in all: a draw each day but the last, each for {@code length} days or until the end. */
    static int compromisedDays(int length) {
        int days = 0;
        for (int day = 0; day < HANDBOOK.days() - 1; day++) {
            days += Math.min(length, HANDBOOK.days() - day);
        }
        return days;
    }

    /** Simpson's rule over the customers' mean amount m ~ U(5, 100) of P(Normal(m, m / 2) > 220.005). */
    static double aboveLimit() {
        int steps = 1_000;
        double from = 5;
        double to = 100;
        double h = (to - from) / steps;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double m = from + i * h;
            double weight = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * (1 - phi((220.005 - m) / (m / 2)));
        }
        return sum * h / 3 / (to - from);
    }

    /** The standard normal distribution function, by Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
    static double phi(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1
                - t
                        * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                        * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
