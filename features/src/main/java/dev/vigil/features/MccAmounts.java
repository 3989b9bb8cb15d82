package dev.vigil.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A card's usual amount in each merchant category it buys in: per MCC, the time-decayed statistics of its
 * amounts there ({@link AmountStats}, the card's 14-day half-life), aged to the card's latest event time. A
 * holder's usual grocery bill and usual electronics purchase differ tenfold, so an amount ordinary for the
 * card as a whole can be far above its usual in the category (and the other way round).
 *
 * <p>At most {@value #CAPACITY} categories: a purchase in a new one past that takes the place of the one
 * with the least weight (the least used lately; ties by code), unless it is a late purchase (older than the
 * card's latest) weighing less than that one. Kept sorted by code, so the stored bytes do not depend on the
 * order of arrival.
 */
public record MccAmounts(List<Category> categories) {

    public static final int CAPACITY = 8;

    static final MccAmounts NONE = new MccAmounts(List.of());

    private static final Comparator<Category> BY_CODE = Comparator.comparing(Category::mcc);

    private static final Comparator<Category> LEAST_USED_FIRST =
            Comparator.comparingDouble((Category c) -> c.amounts().weight()).thenComparing(Category::mcc);

    /** One merchant category code and the card's amounts there. */
    public record Category(String mcc, AmountStats amounts) {
        public Category {
            Objects.requireNonNull(mcc, "mcc");
            Objects.requireNonNull(amounts, "amounts");
        }
    }

    /** Distinct codes, at most {@link #CAPACITY}, kept sorted by code. */
    public MccAmounts {
        if (categories.size() > CAPACITY) {
            throw new IllegalArgumentException(
                    "card profile holds " + categories.size() + " categories, at most " + CAPACITY + " allowed");
        }
        List<Category> sorted = new ArrayList<>(categories);
        sorted.sort(BY_CODE);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).mcc().equals(sorted.get(i - 1).mcc())) {
                throw new IllegalArgumentException(
                        "card profile holds category " + sorted.get(i).mcc() + " twice");
            }
        }
        categories = List.copyOf(sorted);
    }

    /** The card's amounts in {@code mcc}, {@link AmountStats#NONE} if it has none kept there. */
    public AmountStats in(String mcc) {
        for (Category category : categories) {
            if (category.mcc().equals(mcc)) {
                return category.amounts();
            }
        }
        return AmountStats.NONE;
    }

    /** Every category's weights multiplied by {@code factor} (the history aged to a later event). */
    MccAmounts decayed(double factor) {
        List<Category> aged = new ArrayList<>(categories.size());
        for (Category category : categories) {
            aged.add(new Category(category.mcc(), category.amounts().decayed(factor)));
        }
        return new MccAmounts(aged);
    }

    /** These and one amount in {@code mcc} with weight {@code amountWeight}. */
    MccAmounts plus(String mcc, double amount, double amountWeight) {
        List<Category> grown = new ArrayList<>(categories.size() + 1);
        AmountStats before = AmountStats.NONE;
        for (Category category : categories) {
            if (category.mcc().equals(mcc)) {
                before = category.amounts();
            } else {
                grown.add(category);
            }
        }
        AmountStats after = before.plus(amount, amountWeight);
        if (after.weight() == 0) {
            // so old it weighs nothing: no category is made for it
            return this;
        }
        if (grown.size() == CAPACITY) {
            // a new category and no room: the least used goes, unless this is a late purchase weighing less
            Category least = grown.stream().min(LEAST_USED_FIRST).orElseThrow();
            if (amountWeight < 1 && after.weight() <= least.amounts().weight()) {
                return this;
            }
            grown.remove(least);
        }
        grown.add(new Category(mcc, after));
        return new MccAmounts(grown);
    }

    public int size() {
        return categories.size();
    }
}
