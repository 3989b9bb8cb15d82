package dev.vigil.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentMerchantsTest {

    @Test
    void aPurchaseGivesWhatTheStoredVisitsAndThePurchaseMergeTo() {
        Random random = new Random(5);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int card = 0; card < 200; card++) {
            RecentMerchants merchants = RecentMerchants.NONE;
            for (int purchase = 0; purchase < 60; purchase++) {
                // few merchants and coarse, sometimes out-of-order times: repeats, ties and trims all happen
                String merchant = "m-" + random.nextInt(25);
                Instant at = start.plusSeconds(60L * random.nextInt(40 + purchase * 10));
                List<RecentMerchants.Visit> stored = new ArrayList<>(merchants.visits());
                stored.add(new RecentMerchants.Visit(merchant, at));

                RecentMerchants next = merchants.with(merchant, at);

                assertThat(next).isEqualTo(RecentMerchants.of(stored));
                assertThat(next.size()).isLessThanOrEqualTo(RecentMerchants.CAPACITY);
                merchants = next;
            }
        }
    }

    @Test
    void storedVisitsKeepEachMerchantsLatestLatestFirstAndTheCapacityLatest() {
        Random random = new Random(9);
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int card = 0; card < 200; card++) {
            List<RecentMerchants.Visit> stored = new ArrayList<>();
            for (int visit = 0; visit < random.nextInt(40); visit++) {
                stored.add(new RecentMerchants.Visit(
                        "m-" + random.nextInt(25), start.plusSeconds(60L * random.nextInt(30))));
            }
            // each merchant's latest visit, then latest first (ties by id), then the first CAPACITY of them
            Map<String, Instant> latest = new HashMap<>();
            stored.forEach(v -> latest.merge(v.merchantId(), v.at(), (a, b) -> a.isAfter(b) ? a : b));
            List<RecentMerchants.Visit> expected = latest.entrySet().stream()
                    .map(e -> new RecentMerchants.Visit(e.getKey(), e.getValue()))
                    .sorted(Comparator.comparing(RecentMerchants.Visit::at)
                            .reversed()
                            .thenComparing(RecentMerchants.Visit::merchantId))
                    .limit(RecentMerchants.CAPACITY)
                    .toList();

            assertThat(RecentMerchants.of(stored).visits()).isEqualTo(expected);
        }
    }
}
