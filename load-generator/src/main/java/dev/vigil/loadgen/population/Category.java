package dev.vigil.loadgen.population;

import java.util.List;

/**
 * A merchant category (MCC) with the usual amount of one purchase, in cents: cardholders' own
 * medians are drawn around it.
 */
public record Category(String mcc, String label, long typicalMinor, boolean online) {

    public static final List<Category> ALL = List.of(
            new Category("5411", "grocery", 45_00, false),
            new Category("5812", "restaurant", 38_00, false),
            new Category("5814", "fast-food", 9_00, false),
            new Category("5541", "fuel", 55_00, false),
            new Category("4121", "taxi", 18_00, false),
            new Category("5912", "pharmacy", 16_00, false),
            new Category("5691", "clothing", 70_00, true),
            new Category("5732", "electronics", 150_00, true),
            new Category("5999", "online-retail", 35_00, true),
            new Category("4899", "streaming", 12_00, true));

    /** The category of an MCC in {@link #ALL}. */
    public static Category of(String mcc) {
        return ALL.stream()
                .filter(c -> c.mcc.equals(mcc))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown MCC " + mcc));
    }
}
