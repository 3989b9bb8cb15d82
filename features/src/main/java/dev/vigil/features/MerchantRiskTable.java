package dev.vigil.features;

import dev.vigil.events.MerchantRisk;

/**
 * The merchant-risk table in force when a transaction is scored, for the transaction's bank: a
 * merchant's risk (the bank's own record, else the all-banks one), or {@code null} when it has none.
 * The scorer reads its global store, the Spark score-stream the records it follows, the training fold
 * the records a run at the transaction's reference time would have published.
 */
@FunctionalInterface
public interface MerchantRiskTable {

    MerchantRisk of(String merchantId);
}
