package dev.vigil.loadgen.handbook;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Places terminals and customers uniformly on the grid and gives every customer its profile: a
 * mean amount U(5, 100) with half of it as standard deviation, and a mean number of transactions
 * per day U(0, 4).
 */
final class Geography {

    private Geography() {}

    static List<Terminal> terminals(int count, SplittableRandom random) {
        List<Terminal> terminals = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            terminals.add(
                    new Terminal(id, random.nextDouble(WorldParameters.GRID), random.nextDouble(WorldParameters.GRID)));
        }
        return terminals;
    }

    static List<Customer> customers(int count, List<Terminal> terminals, double radius, SplittableRandom random) {
        List<Customer> customers = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            double x = random.nextDouble(WorldParameters.GRID);
            double y = random.nextDouble(WorldParameters.GRID);
            double meanAmount = random.nextDouble(5, 100);
            double meanPerDay = random.nextDouble(0, 4);
            // every pair is compared (50 million for the default world, a fraction of a second): simpler than a spatial
            // index
            int[] reachable = IntStream.range(0, terminals.size())
                    .filter(t -> closer(terminals.get(t), x, y, radius))
                    .toArray();
            customers.add(new Customer(id, x, y, meanAmount, meanAmount / 2, meanPerDay, reachable));
        }
        return customers;
    }

    /** Strictly closer than the radius, as the Handbook selects them. */
    private static boolean closer(Terminal terminal, double x, double y, double radius) {
        double dx = terminal.x() - x;
        double dy = terminal.y() - y;
        return dx * dx + dy * dy < radius * radius;
    }
}
