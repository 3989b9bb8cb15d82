package dev.vigil.trainer.training;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The three MLlib learners, each with the parameters a {@link Grid} may set and its export to the
 * portable bundle: one definition, so the candidate ranked on the evaluation window and the final fit
 * published after it are the same learner with the same parameters.
 */
public enum Learner {
    LOGISTIC_REGRESSION("lr", ModelType.LOGISTIC_REGRESSION, "reg", "elastic", "iterations") {
        @Override
        Transformer fit(Dataset<Row> weighted, Grid.Setting setting, long seed) {
            return new Pipeline()
                    .setStages(new PipelineStage[] {
                        new StandardScaler()
                                .setInputCol("features")
                                .setOutputCol("scaled")
                                .setWithMean(true)
                                .setWithStd(true),
                        new LogisticRegression()
                                .setFeaturesCol("scaled")
                                .setLabelCol(Labelling.LABEL)
                                .setWeightCol(Training.WEIGHT)
                                // already standardised by the scaler, whose means and scales the bundle carries
                                .setStandardization(false)
                                .setMaxIter((int) setting.get("iterations", 100))
                                .setRegParam(setting.get("reg", 1e-3))
                                .setElasticNetParam(setting.get("elastic", 0))
                    })
                    .fit(weighted);
        }

        @Override
        ModelBundle.Builder export(Transformer model) {
            PipelineModel pipeline = (PipelineModel) model;
            return ModelBundle.newBuilder()
                    .setModelType(type())
                    .setLogistic(ModelExport.logistic(
                            (StandardScalerModel) pipeline.stages()[0], (LogisticRegressionModel) pipeline.stages()[1]))
                    .setEnsemble(null);
        }

        @Override
        double[] importances(Transformer model) {
            // the weights of standardised features: comparable with each other, sign left out
            double[] weights = ((LogisticRegressionModel) ((PipelineModel) model).stages()[1])
                    .coefficients()
                    .toArray();
            return normalised(Arrays.stream(weights).map(Math::abs).toArray());
        }
    },

    RANDOM_FOREST("rf", ModelType.RANDOM_FOREST, "trees", "depth", "leaf", "bins") {
        @Override
        Transformer fit(Dataset<Row> weighted, Grid.Setting setting, long seed) {
            return new RandomForestClassifier()
                    .setLabelCol(Labelling.LABEL)
                    .setWeightCol(Training.WEIGHT)
                    .setNumTrees((int) setting.get("trees", 30))
                    .setMaxDepth((int) setting.get("depth", 5))
                    .setMinInstancesPerNode((int) setting.get("leaf", 1))
                    .setMaxBins((int) setting.get("bins", 32))
                    .setMaxMemoryInMB(TREE_MEMORY_MB)
                    .setCacheNodeIds(true)
                    .setSeed(seed)
                    .fit(weighted);
        }

        @Override
        ModelBundle.Builder export(Transformer model) {
            return ModelBundle.newBuilder()
                    .setModelType(type())
                    .setLogistic(null)
                    .setEnsemble(ModelExport.randomForest((RandomForestClassificationModel) model));
        }

        @Override
        double[] importances(Transformer model) {
            return ((RandomForestClassificationModel) model)
                    .featureImportances()
                    .toArray();
        }
    },

    GRADIENT_BOOSTED_TREES("gbt", ModelType.GRADIENT_BOOSTED_TREES, "rounds", "depth", "step", "subsample", "bins") {
        @Override
        Transformer fit(Dataset<Row> weighted, Grid.Setting setting, long seed) {
            return new GBTClassifier()
                    .setLabelCol(Labelling.LABEL)
                    .setWeightCol(Training.WEIGHT)
                    .setMaxIter((int) setting.get("rounds", 20))
                    .setMaxDepth((int) setting.get("depth", 5))
                    .setStepSize(setting.get("step", 0.1))
                    .setSubsamplingRate(setting.get("subsample", 1.0))
                    .setMaxBins((int) setting.get("bins", 32))
                    .setSeed(seed)
                    .fit(weighted);
        }

        @Override
        ModelBundle.Builder export(Transformer model) {
            return ModelBundle.newBuilder()
                    .setModelType(type())
                    .setLogistic(null)
                    .setEnsemble(ModelExport.gradientBoosted((GBTClassificationModel) model));
        }

        @Override
        double[] importances(Transformer model) {
            return ((GBTClassificationModel) model).featureImportances().toArray();
        }
    };

    /**
     * Memory MLlib may give one pass over the data for the split statistics of the tree nodes it grows
     * together: 512 MB, twice its default, so more of a deep level's nodes split in one pass, but no more
     * than a fifth of the heap (each of the two running tasks holds that much; with the 2 GB heap of
     * {@code ./vigil trainer}, about 400 MB) and never below its default of 256 MB. The trees do not change:
     * which nodes share a pass decides when they are split, not how (the same scores to the last digit,
     * docs/benchmarks.md). Node ids are cached beside the data, which does not change the trees either: each
     * level starts from the node a row reached, not from the root.
     */
    static final int TREE_MEMORY_MB =
            (int) Math.max(256, Math.min(512, Runtime.getRuntime().maxMemory() / 5 / (1024 * 1024)));

    private final String prefix;
    private final ModelType type;
    private final List<String> parameters;

    Learner(String prefix, ModelType type, String... parameters) {
        this.prefix = prefix;
        this.type = type;
        this.parameters = List.of(parameters);
    }

    /** The names {@link Grid} may set for this learner (besides the class weight every learner takes). */
    List<String> parameters() {
        return parameters;
    }

    /** Short name: the model version's prefix and the phase names. */
    String prefix() {
        return prefix;
    }

    ModelType type() {
        return type;
    }

    /**
     * Fits on rows with {@code features}, {@code label} and {@code weight} columns, with the setting's
     * parameters (a parameter it does not set keeps this learner's default).
     */
    abstract Transformer fit(Dataset<Row> weighted, Grid.Setting setting, long seed);

    /** The model's portable form, without the run's metadata (version, windows, thresholds). */
    abstract ModelBundle.Builder export(Transformer model);

    /**
     * Each feature's share of the model's decisions, in vector order, summing to 1 (0 everywhere for a
     * model that uses none): the trees' mean impurity decrease (MLlib's {@code featureImportances}),
     * the logistic regression's absolute weights of the standardised features.
     */
    abstract double[] importances(Transformer model);

    private static double[] normalised(double[] values) {
        double sum = Arrays.stream(values).sum();
        return sum == 0 ? values : Arrays.stream(values).map(v -> v / sum).toArray();
    }

    static Learner of(ModelType type) {
        for (Learner learner : values()) {
            if (learner.type == type) {
                return learner;
            }
        }
        throw new IllegalArgumentException("no learner for " + type);
    }

    static Learner ofPrefix(String prefix) {
        for (Learner learner : values()) {
            if (learner.prefix.equals(prefix)) {
                return learner;
            }
        }
        throw new IllegalArgumentException("no learner '" + prefix + "' (lr, rf, gbt)");
    }
}
