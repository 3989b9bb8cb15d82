package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Each scenario's definition, on a few transactions made by hand and on a small generated world. */
class FraudsTest {

    static final int CUSTOMER = 0;
    static final int OTHER_CUSTOMER = 1;
    static final int TERMINAL = 0;
    static final int COMPROMISED_TERMINAL = 1;
    static final int NOON = HandbookTransaction.SECONDS_PER_DAY / 2;

    static HandbookTransaction at(int day, int customer, int terminal, long amountCents) {
        return new HandbookTransaction(
                day * HandbookTransaction.SECONDS_PER_DAY + NOON, customer, terminal, amountCents, 0);
    }

    static List<HandbookTransaction> label(List<HandbookTransaction> genuine, Compromises compromises) {
        return Frauds.label(genuine, compromises, 2, 2, new SplittableRandom(1));
    }

    static final Compromises NONE = new Compromises(List.of(), List.of());

    @Test
    void scenario1IsEveryAmountAbove220() {
        List<HandbookTransaction> labelled =
                label(List.of(at(0, CUSTOMER, TERMINAL, 22_000), at(0, CUSTOMER, TERMINAL, 22_001)), NONE);

        assertThat(labelled).extracting(HandbookTransaction::scenario).containsExactly(0, 1);
        assertThat(labelled).extracting(HandbookTransaction::amountCents).containsExactly(22_000L, 22_001L);
    }

    @Test
    void scenario2IsEveryTransactionAtTheTerminalInItsTwentyEightDaysAndOverridesScenario1() {
        Compromises terminalFromDay2 =
                new Compromises(List.of(new Compromises.TerminalCompromise(COMPROMISED_TERMINAL, 2)), List.of());
        List<HandbookTransaction> genuine = List.of(
                at(1, CUSTOMER, COMPROMISED_TERMINAL, 1_000),
                at(2, CUSTOMER, COMPROMISED_TERMINAL, 1_000),
                at(5, CUSTOMER, COMPROMISED_TERMINAL, 30_000),
                at(5, CUSTOMER, TERMINAL, 1_000),
                at(29, OTHER_CUSTOMER, COMPROMISED_TERMINAL, 1_000),
                at(30, OTHER_CUSTOMER, COMPROMISED_TERMINAL, 1_000));

        assertThat(label(genuine, terminalFromDay2))
                .extracting(HandbookTransaction::scenario)
                .containsExactly(0, 2, 2, 0, 2, 0);
    }

    @Test
    void scenario3MultipliesAThirdRoundedDownOfTheDrawsTransactionsInFourteenDaysByFiveAndOverridesTheOthers() {
        Compromises customerFromDay0 = new Compromises(
                List.of(new Compromises.TerminalCompromise(COMPROMISED_TERMINAL, 0)),
                List.of(new Compromises.CustomerCompromise(List.of(CUSTOMER), 0)));
        List<HandbookTransaction> genuine = new ArrayList<>();
        for (int day = 0; day < 8; day++) { // 8 in the window: 2 chosen
            genuine.add(at(day, CUSTOMER, COMPROMISED_TERMINAL, 1_000 + day));
        }
        genuine.add(at(14, CUSTOMER, TERMINAL, 2_000)); // the day after the window
        genuine.add(at(3, OTHER_CUSTOMER, TERMINAL, 3_000));

        List<HandbookTransaction> labelled = label(genuine, customerFromDay0);

        List<HandbookTransaction> chosen =
                labelled.stream().filter(t -> t.scenario() == 3).toList();
        assertThat(chosen).hasSize(2).allSatisfy(t -> assertThat(t.amountCents())
                .isEqualTo(5 * (1_000 + t.day())));
        assertThat(labelled.subList(0, 8))
                .filteredOn(t -> t.scenario() != 3)
                .allSatisfy(t -> assertThat(t.scenario()).isEqualTo(2))
                .allSatisfy(t -> assertThat(t.amountCents()).isEqualTo(1_000 + t.day()));
        assertThat(labelled.subList(8, 10)).isEqualTo(genuine.subList(8, 10));
    }

    @Test
    void inAGeneratedWorldScenario3IsAThirdOfEachDrawsTransactionsTimesFive() {
        WorldParameters small = new WorldParameters(300, 400, 60, LocalDate.of(2018, 4, 1), 10, 0);
        List<Terminal> terminals = Geography.terminals(small.terminals(), new SplittableRandom(1));
        List<Customer> customers =
                Geography.customers(small.customers(), terminals, small.radius(), new SplittableRandom(2));
        List<HandbookTransaction> genuine = Spending.all(customers, small.days(), new SplittableRandom(3));
        Compromises compromises = Compromises.draw(small, new SplittableRandom(4));

        List<HandbookTransaction> labelled =
                Frauds.label(genuine, compromises, small.customers(), small.terminals(), new SplittableRandom(5));

        // how many times each transaction was multiplied by 5 (a transaction two overlapping draws chose: twice)
        int[] times = new int[genuine.size()];
        for (int i = 0; i < genuine.size(); i++) {
            HandbookTransaction before = genuine.get(i);
            HandbookTransaction after = labelled.get(i);
            assertThat(List.of(after.second(), after.customer(), after.terminal()))
                    .isEqualTo(List.of(before.second(), before.customer(), before.terminal()));
            long amount = before.amountCents();
            if (amount == 0) {
                times[i] = after.scenario() == 3 ? 1 : 0;
            }
            while (amount != 0 && amount < after.amountCents()) {
                amount *= Frauds.SCENARIO_3_MULTIPLIER;
                times[i]++;
            }
            assertThat(amount).as("amount of transaction %d", i).isEqualTo(after.amountCents());
            assertThat(after.scenario() == 3)
                    .as("scenario of transaction %d", i)
                    .isEqualTo(times[i] > 0);
        }
        int expectedChoices = 0;
        int drawsAlone = 0;
        for (Compromises.CustomerCompromise draw : compromises.customers()) {
            List<Integer> covered = covered(genuine, draw);
            expectedChoices += covered.size() / 3;
            boolean alone = compromises.customers().stream()
                    .filter(other -> other != draw)
                    .noneMatch(other -> covered.stream().anyMatch(i -> other.covers(genuine.get(i))));
            if (alone) {
                drawsAlone++;
                assertThat(covered.stream().filter(i -> times[i] > 0).count())
                        .as("chosen of the draw " + draw)
                        .isEqualTo(covered.size() / 3);
            }
        }
        assertThat(Arrays.stream(times).sum()).isEqualTo(expectedChoices);
        assertThat(drawsAlone).isGreaterThan(10);
        assertThat(expectedChoices).isGreaterThan(300);
    }

    static List<Integer> covered(List<HandbookTransaction> transactions, Compromises.CustomerCompromise draw) {
        List<Integer> covered = new ArrayList<>();
        for (int i = 0; i < transactions.size(); i++) {
            if (draw.covers(transactions.get(i))) {
                covered.add(i);
            }
        }
        return covered;
    }
}
