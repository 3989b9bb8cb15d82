/**
 * The batch layer of Vigil's Lambda split: a Structured Streaming archive of {@code transactions}
 * and {@code transaction-labels} into Parquet, merchant risk, and Spark MLlib training that
 * publishes a challenger model only when it beats the champion.
 *
 * <p>Not built yet: see {@code batch-trainer/README.md}.
 */
package dev.vigil.trainer;
