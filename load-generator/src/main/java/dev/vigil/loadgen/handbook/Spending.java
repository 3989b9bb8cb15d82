package dev.vigil.loadgen.handbook;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The genuine transactions, drawn as the Handbook draws them: per customer and day a Poisson
 * number of transactions; each at a time of day Normal(noon, 20000 s), dropped when that falls
 * outside the day (so a customer makes about 3 % fewer transactions than its mean); an amount
 * Normal(mean, std), a negative one replaced by U(0, 2 mean), rounded to cents; a terminal chosen
 * uniformly among those the customer reaches.
 */
final class Spending {

    private static final double NOON = HandbookTransaction.SECONDS_PER_DAY / 2.0;
    private static final double TIME_STD = 20_000;

    private Spending() {}

    /**
     * Every customer's transactions in event-time order; transactions in the same second are
     * ordered by customer, then as drawn. Each customer draws from its own generator, split from
     * {@code random} in customer order, so one customer's draws do not depend on another's.
     */
    static List<HandbookTransaction> all(List<Customer> customers, int days, SplittableRandom random) {
        List<HandbookTransaction> drawn = new ArrayList<>();
        for (Customer customer : customers) {
            of(customer, days, random.split(), drawn);
        }
        // drawn customer by customer, so ordering by (second, position drawn) is ordering by (second, customer, draw);
        // sorting those pairs packed in longs is several times faster than sorting the records
        long[] keys = new long[drawn.size()];
        for (int position = 0; position < keys.length; position++) {
            keys[position] = (long) drawn.get(position).second() << 32 | position;
        }
        Arrays.sort(keys);
        List<HandbookTransaction> sorted = new ArrayList<>(keys.length);
        for (long key : keys) {
            sorted.add(drawn.get((int) key));
        }
        return sorted;
    }

    static void of(Customer customer, int days, SplittableRandom random, List<HandbookTransaction> into) {
        if (customer.terminals().length == 0) {
            return;
        }
        for (int day = 0; day < days; day++) {
            int count = poisson(customer.meanTransactionsPerDay(), random);
            for (int i = 0; i < count; i++) {
                // truncated toward zero and kept strictly inside the day, as the Handbook does with int(...)
                int time = (int) (NOON + TIME_STD * random.nextGaussian());
                if (time <= 0 || time >= HandbookTransaction.SECONDS_PER_DAY) {
                    continue;
                }
                int terminal = customer.terminals()[random.nextInt(customer.terminals().length)];
                into.add(new HandbookTransaction(
                        day * HandbookTransaction.SECONDS_PER_DAY + time,
                        customer.id(),
                        terminal,
                        amountCents(customer, random),
                        0));
            }
        }
    }

    private static long amountCents(Customer customer, SplittableRandom random) {
        double amount = customer.meanAmount() + customer.stdAmount() * random.nextGaussian();
        if (amount < 0) {
            amount = random.nextDouble(0, 2 * customer.meanAmount());
        }
        return (long) Math.rint(amount * 100); // half to even, as numpy's round(amount, 2)
    }

    /** Knuth's method: fine for the small means (at most 4) drawn here. */
    static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        int count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
