package dev.vigil.scorer;

import dev.vigil.events.MerchantRisk;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The merchant-risk table as the scorer last read it, decoded, per (bank, merchant): the card features ask it
 * about the transaction's merchant and each of the card's recent ones, up to 17 look-ups a record, and
 * each read of the global store costs one or two RocksDB gets and an Avro decoding (caching them took
 * the scorer from 125 to 81 µs of CPU per record with a realistic table, docs/benchmarks.md).
 *
 * <p>Never stale: {@link MerchantRiskLoader} calls {@link #changed} after each write to the store, which
 * retires every entry. An entry carries the generation read before its store read, so an entry read
 * while a write was under way is already retired when the write's {@code changed} lands; a publication
 * costs one re-read per merchant afterwards. An absent merchant is cached too (neutral features). Bounded
 * by entries: past its bound it starts again empty, which costs re-reads, never a wrong answer.
 */
final class MerchantRiskCache {

    /** About 25 MB of decoded records at the most; a larger table is read from the store past that. */
    static final int MAX_ENTRIES = 100_000;

    private final int maxEntries;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger entries = new AtomicInteger();
    /** By bank, then merchant: a look-up builds no key. */
    private final Map<String, Map<String, Entry>> byBank = new ConcurrentHashMap<>();

    private record Entry(MerchantRisk risk, long generation) {}

    MerchantRiskCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * The bank's view of the merchant as {@code read} gives it from the store, from this cache when
     * nothing was written since it was read; {@code null} when the merchant has no record.
     */
    MerchantRisk get(String bankId, String merchantId, BiFunction<String, String, MerchantRisk> read) {
        long current = generation.get();
        Map<String, Entry> merchants = byBank.get(bankId);
        if (merchants == null) {
            merchants = byBank.computeIfAbsent(bankId, bank -> new ConcurrentHashMap<>());
        }
        Entry entry = merchants.get(merchantId);
        if (entry != null && entry.generation() == current) {
            return entry.risk();
        }
        MerchantRisk risk = read.apply(bankId, merchantId);
        if (merchants.put(merchantId, new Entry(risk, current)) == null && entries.incrementAndGet() > maxEntries) {
            byBank.values().forEach(Map::clear);
            entries.set(0);
        }
        return risk;
    }

    /** The store was written: what was read before may be out of date. */
    void changed() {
        generation.incrementAndGet();
    }
}
