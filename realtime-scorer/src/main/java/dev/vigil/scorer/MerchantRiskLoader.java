package dev.vigil.scorer;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Mirrors the compacted {@code merchant-risk} topic into a global store, as the registry-encoded
 * bytes it arrived in; {@link CardScorer} reads them when it scores at that merchant, through a
 * {@link MerchantRiskCache} this loader tells of each change. Each record
 * applied is counted, so a backtest can wait until a publication is in force before it goes on.
 */
final class MerchantRiskLoader implements Processor<String, byte[], Void, Void> {

    private final MerchantRiskCache cache;
    private final ScorerMetrics metrics;
    private KeyValueStore<String, byte[]> store;

    MerchantRiskLoader(MerchantRiskCache cache, ScorerMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(ScoringTopology.MERCHANT_RISK_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        // after the write: an entry read before it is retired (MerchantRiskCache)
        cache.changed();
        metrics.merchantRiskApplied();
    }
}
