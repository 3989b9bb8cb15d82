package dev.vigil.loadgen.handbook;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who is compromised when: each day, two terminals for the next 28 days (scenario 2) and three
 * customers for the next 14 days (scenario 3), as the Handbook has it (other counts per day are a
 * parameter of the world), drawn without replacement among all of them (a
 * terminal nobody uses, or a customer that makes no transaction, may be drawn).
 *
 * <p>Draws are made for every day but the last, as the Handbook's loops run to the last day
 * exclusive; the last day's draws could only have touched that one day.
 */
record Compromises(List<TerminalCompromise> terminals, List<CustomerCompromise> customers) {

    static final int TERMINAL_DAYS = 28;
    static final int CUSTOMER_DAYS = 14;

    /** A terminal whose every transaction from {@code fromDay} for {@link #TERMINAL_DAYS} days is fraud. */
    record TerminalCompromise(int terminal, int fromDay) {
        boolean covers(HandbookTransaction transaction) {
            return transaction.terminal() == terminal
                    && transaction.day() >= fromDay
                    && transaction.day() < fromDay + TERMINAL_DAYS;
        }
    }

    /** One day's draw of customers; a third of their transactions in the next {@link #CUSTOMER_DAYS} days are fraud. */
    record CustomerCompromise(List<Integer> customers, int fromDay) {
        boolean covers(HandbookTransaction transaction) {
            return customers.contains(transaction.customer())
                    && transaction.day() >= fromDay
                    && transaction.day() < fromDay + CUSTOMER_DAYS;
        }
    }

    static Compromises draw(WorldParameters world, SplittableRandom random) {
        List<TerminalCompromise> terminals = new ArrayList<>();
        List<CustomerCompromise> customers = new ArrayList<>();
        for (int day = 0; day < world.days() - 1; day++) {
            for (int terminal : distinct(count(world.terminalsPerDay(), random), world.terminals(), random)) {
                terminals.add(new TerminalCompromise(terminal, day));
            }
        }
        for (int day = 0; day < world.days() - 1; day++) {
            customers.add(new CustomerCompromise(
                    distinct(count(world.customersPerDay(), random), world.customers(), random), day));
        }
        return new Compromises(List.copyOf(terminals), List.copyOf(customers));
    }

    /**
     * How many to draw on a day: the whole part of {@code perDay}, and one more with the probability of its
     * fraction. A whole number draws nothing at random, so the Handbook's world stays as it was.
     */
    private static int count(double perDay, SplittableRandom random) {
        int whole = (int) perDay;
        double fraction = perDay - whole;
        return fraction > 0 && random.nextDouble() < fraction ? whole + 1 : whole;
    }

    /** {@code count} different ids below {@code bound} (all of them when there are fewer), in drawing order. */
    private static List<Integer> distinct(int count, int bound, SplittableRandom random) {
        List<Integer> drawn = new ArrayList<>(count);
        while (drawn.size() < Math.min(count, bound)) {
            int id = random.nextInt(bound);
            if (!drawn.contains(id)) {
                drawn.add(id);
            }
        }
        return List.copyOf(drawn);
    }
}
