package dev.vigil.loadgen.population;

import java.util.List;

/**
 * A card and its holder's habits. The card number is the bank's own data: {@link #toString()}
 * hides it so it cannot reach a log or the console by accident.
 *
 * @param index         position in the population, a stable short name for the card
 * @param habits        what they buy and their usual amount for each (median, in cents)
 * @param activeFrom    first hour of the day (UTC) they usually shop in
 * @param activeUntil   hour (exclusive) after which they rarely shop
 */
public record Cardholder(
        int index, String pan, String bankId, City home, List<Habit> habits, int activeFrom, int activeUntil) {

    /** One kind of purchase this cardholder makes, with their usual amount. */
    public record Habit(Category category, long medianMinor) {}

    public boolean activeAt(int hourOfDay) {
        return hourOfDay >= activeFrom && hourOfDay < activeUntil;
    }

    /** Their usual amount for a category, or the category's typical one when they do not buy it. */
    public long medianFor(Category category) {
        return habits.stream()
                .filter(h -> h.category().equals(category))
                .mapToLong(Habit::medianMinor)
                .findFirst()
                .orElse(category.typicalMinor());
    }

    @Override
    public String toString() {
        return "Cardholder[#" + index + ", " + bankId + ", " + home.name() + "]";
    }
}
