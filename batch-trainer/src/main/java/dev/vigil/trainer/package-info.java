/**
 * The batch layer of Vigil's Lambda split: {@link dev.vigil.trainer.TrainerCli} (options, the shell),
 * {@link dev.vigil.trainer.BatchRun} (one run as of one reference time), and a package per stage:
 * {@code archive} (Kafka to the Parquet history), {@code risk} (merchant risk), {@code training}
 * (folds, model selection, evaluation), {@code gate} (publish or not, {@code model_versions}),
 * {@code scoring} (offline re-scoring as the scorer scored), {@code scorestream} (the scorer's scoring
 * in Structured Streaming, for the engine comparison) and {@code bench} (training time).
 */
package dev.vigil.trainer;
