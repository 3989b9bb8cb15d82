package dev.vigil.trainer.scoring;

import dev.vigil.events.MerchantRisk;
import dev.vigil.features.model.ModelEvaluator;
import java.io.Serializable;

/**
 * What scoring a card reads besides its own profile: the model in force for a bank and a merchant's
 * risk, each the bank's own else the all-banks one, as the scorer picks them. Shipped to Spark's
 * executors with the scoring function.
 */
public interface ScoringTables extends Serializable {

    /** The bank's own model, else the one for all banks, else {@code null} (rules only). */
    ModelEvaluator model(String bankId);

    /** The bank's own view of the merchant, else the all-banks one, else {@code null} (neutral features). */
    MerchantRisk merchantRisk(String bankId, String merchantId);

    /** For the job's start line, e.g. {@code models *=gbt-20261123T120014Z; 42 merchant risks}. */
    String describe();
}
