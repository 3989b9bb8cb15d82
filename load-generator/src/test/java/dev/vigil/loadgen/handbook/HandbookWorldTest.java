package dev.vigil.loadgen.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small world: one seed one file, the grid rule, and scenarios 1 and 2 as the world applies them. */
class HandbookWorldTest {

    static final WorldParameters SMALL = new WorldParameters(300, 400, 60, LocalDate.of(2018, 4, 1), 10, 7);
    static HandbookWorld world;

    @BeforeAll
    static void generate() {
        world = HandbookWorld.generate(SMALL);
    }

    static String csv(WorldParameters parameters) throws IOException {
        StringWriter out = new StringWriter();
        HandbookCsv.write(HandbookWorld.generate(parameters), out);
        return out.toString();
    }

    @Test
    void theSameSeedWritesTheSameFileAndAnotherSeedAnother() throws IOException {
        String first = csv(SMALL);

        assertThat(csv(SMALL)).isEqualTo(first);
        assertThat(csv(new WorldParameters(300, 400, 60, SMALL.start(), 10, 8))).isNotEqualTo(first);
        assertThat(first.lines().count()).isEqualTo(world.transactions().size() + 1L);
    }

    @Test
    void everyTransactionIsAtATerminalWithinTheRadiusOfItsCustomer() {
        assertThat(world.transactions()).isNotEmpty().allSatisfy(t -> {
            Customer customer = world.customers().get(t.customer());
            Terminal terminal = world.terminals().get(t.terminal());
            assertThat(Math.hypot(customer.x() - terminal.x(), customer.y() - terminal.y()))
                    .isLessThan(SMALL.radius());
        });
    }

    @Test
    void everyTerminalWithinTheRadiusIsOneTheCustomerCanUse() {
        for (Customer customer : world.customers()) {
            int[] within = world.terminals().stream()
                    .filter(t -> Math.hypot(customer.x() - t.x(), customer.y() - t.y()) < SMALL.radius())
                    .mapToInt(Terminal::id)
                    .toArray();
            assertThat(customer.terminals()).as("customer " + customer.id()).containsExactly(within);
        }
    }

    @Test
    void aCustomerWithNoTerminalWithinTheRadiusMakesNoTransaction() {
        // 400 terminals on 10,000 square units: a radius of 1 reaches one or more for about 12 % of customers
        HandbookWorld sparse = HandbookWorld.generate(new WorldParameters(300, 400, 30, SMALL.start(), 1, 7));
        Map<Integer, Long> byCustomer = sparse.transactions().stream()
                .collect(Collectors.groupingBy(HandbookTransaction::customer, Collectors.counting()));

        assertThat(sparse.customers())
                .filteredOn(c -> c.terminals().length == 0)
                .hasSizeGreaterThan(200)
                .allSatisfy(c -> assertThat(byCustomer).doesNotContainKey(c.id()));
        assertThat(sparse.customers())
                .filteredOn(c -> c.terminals().length > 0 && c.meanTransactionsPerDay() > 1)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(byCustomer).containsKey(c.id()));
    }

    @Test
    void transactionsAreInEventTimeOrderWithinTheDaysAndTheDayTime() {
        List<HandbookTransaction> transactions = world.transactions();
        for (int i = 1; i < transactions.size(); i++) {
            HandbookTransaction previous = transactions.get(i - 1);
            HandbookTransaction next = transactions.get(i);
            assertThat(previous.second() < next.second()
                            || previous.second() == next.second() && previous.customer() <= next.customer())
                    .as("position " + i)
                    .isTrue();
        }
        assertThat(transactions).allSatisfy(t -> {
            assertThat(t.day()).isBetween(0, SMALL.days() - 1);
            assertThat(t.second() % HandbookTransaction.SECONDS_PER_DAY).isPositive();
        });
    }

    @Test
    void scenario1IsExactlyTheAmountsAbove220ThatNoLaterScenarioOverrode() {
        // scenarios 1 and 2 leave amounts as drawn; scenario 3 overrides, so it is left out here (FraudsTest covers it)
        List<HandbookTransaction> notScenario3 =
                world.transactions().stream().filter(t -> t.scenario() != 3).toList();

        assertThat(notScenario3).allSatisfy(t -> assertThat(t.scenario() == 1)
                .isEqualTo(t.amountCents() > 22_000 && !atCompromisedTerminal(t)));
        assertThat(notScenario3).filteredOn(t -> t.scenario() == 1).hasSizeGreaterThan(5);
    }

    @Test
    void scenario2IsExactlyTheTransactionsAtATerminalInItsTwentyEightCompromisedDays() {
        List<HandbookTransaction> notScenario3 =
                world.transactions().stream().filter(t -> t.scenario() != 3).toList();

        assertThat(notScenario3).allSatisfy(t -> assertThat(t.scenario() == 2).isEqualTo(atCompromisedTerminal(t)));
        assertThat(notScenario3).filteredOn(t -> t.scenario() == 2).hasSizeGreaterThan(100);
        assertThat(world.compromises().terminals())
                .hasSize(2 * (SMALL.days() - 1))
                .allSatisfy(c -> assertThat(c.fromDay()).isBetween(0, SMALL.days() - 2));
    }

    @Test
    void scenario3TransactionsBelongToACustomerDrawnInTheFourteenDaysBefore() {
        assertThat(world.transactions())
                .filteredOn(t -> t.scenario() == 3)
                .hasSizeGreaterThan(100)
                .allSatisfy(t -> assertThat(world.compromises().customers()).anyMatch(c -> c.covers(t)));
        assertThat(world.compromises().customers())
                .hasSize(SMALL.days() - 1)
                .allSatisfy(c -> assertThat(c.customers()).hasSize(3).doesNotHaveDuplicates());
    }

    static boolean atCompromisedTerminal(HandbookTransaction transaction) {
        return world.compromises().terminals().stream().anyMatch(c -> c.covers(transaction));
    }
}
