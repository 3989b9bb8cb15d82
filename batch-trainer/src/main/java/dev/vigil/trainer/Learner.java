package dev.vigil.trainer;

import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
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
 * The three MLlib learners, each with its parameters from {@link TrainingConfig} and its export to the
 * portable bundle: one definition, so the candidate ranked on the evaluation window and the final fit
 * published after it are the same learner with the same parameters.
 */
enum Learner {

    LOGISTIC_REGRESSION("lr", ModelType.LOGISTIC_REGRESSION) {
        @Override
        Transformer fit(Dataset<Row> weighted, TrainingConfig config) {
            return new Pipeline().setStages(new PipelineStage[] {
                new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true).setWithStd(true),
                new LogisticRegression().setFeaturesCol("scaled").setLabelCol(Labelling.LABEL)
                        .setWeightCol(Training.WEIGHT)
                        // already standardised by the scaler, whose means and scales the bundle carries
                        .setStandardization(false).setMaxIter(100).setRegParam(1e-3)
            }).fit(weighted);
        }

        @Override
        ModelBundle.Builder export(Transformer model) {
            PipelineModel pipeline = (PipelineModel) model;
            return ModelBundle.newBuilder().setModelType(type())
                    .setLogistic(ModelExport.logistic((StandardScalerModel) pipeline.stages()[0],
                            (LogisticRegressionModel) pipeline.stages()[1]))
                    .setEnsemble(null);
        }
    },

    RANDOM_FOREST("rf", ModelType.RANDOM_FOREST) {
        @Override
        Transformer fit(Dataset<Row> weighted, TrainingConfig config) {
            return new RandomForestClassifier().setLabelCol(Labelling.LABEL).setWeightCol(Training.WEIGHT)
                    .setNumTrees(config.forestTrees()).setMaxDepth(config.treeDepth()).setSeed(config.seed())
                    .fit(weighted);
        }

        @Override
        ModelBundle.Builder export(Transformer model) {
            return ModelBundle.newBuilder().setModelType(type()).setLogistic(null)
                    .setEnsemble(ModelExport.randomForest((RandomForestClassificationModel) model));
        }
    },

    GRADIENT_BOOSTED_TREES("gbt", ModelType.GRADIENT_BOOSTED_TREES) {
        @Override
        Transformer fit(Dataset<Row> weighted, TrainingConfig config) {
            return new GBTClassifier().setLabelCol(Labelling.LABEL).setWeightCol(Training.WEIGHT)
                    .setMaxIter(config.boostingRounds()).setMaxDepth(config.treeDepth()).setSeed(config.seed())
                    .fit(weighted);
        }

        @Override
        ModelBundle.Builder export(Transformer model) {
            return ModelBundle.newBuilder().setModelType(type()).setLogistic(null)
                    .setEnsemble(ModelExport.gradientBoosted((GBTClassificationModel) model));
        }
    };

    private final String prefix;
    private final ModelType type;

    Learner(String prefix, ModelType type) {
        this.prefix = prefix;
        this.type = type;
    }

    /** Short name: the model version's prefix and the phase names. */
    String prefix() {
        return prefix;
    }

    ModelType type() {
        return type;
    }

    /** Fits on rows with {@code features}, {@code label} and {@code weight} columns. */
    abstract Transformer fit(Dataset<Row> weighted, TrainingConfig config);

    /** The model's portable form, without the run's metadata (version, windows, thresholds). */
    abstract ModelBundle.Builder export(Transformer model);

    static Learner of(ModelType type) {
        for (Learner learner : values()) {
            if (learner.type == type) {
                return learner;
            }
        }
        throw new IllegalArgumentException("no learner for " + type);
    }
}
