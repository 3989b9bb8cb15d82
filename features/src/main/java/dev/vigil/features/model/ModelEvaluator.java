package dev.vigil.features.model;

import dev.vigil.events.Decision;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.rules.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link ModelBundle} compiled for scoring: validated once when loaded, then immutable and safe
 * to share between threads. A tree ensemble's {@link #score} and {@link #contributions} allocate
 * only a scratch array of one int per tree (where each tree's walk is);
 * {@link #evaluate} gives a score and its reasons from one walk of the model.
 *
 * <p>Contributions are in the model's raw space (log-odds for logistic regression, the margin for
 * gradient-boosted trees, probability for a random forest): {@code coefficient × standardised value}
 * for logistic regression, Saabas path contributions for trees (each split on the path credits its
 * feature with the change of node value, times the tree's weight).
 */
public final class ModelEvaluator {

    private final String modelVersion;
    private final String scope;
    private final ModelType type;
    private final FeatureSchema schema;
    private final double reviewThreshold;
    private final double declineThreshold;
    private final Instant trainedAt;
    private final Map<String, Double> testMetrics;
    private final FeatureReasons.Resolved featureReasons;
    // logistic regression
    private final double intercept;
    private final double[] coefficients;
    private final double[] means;
    private final double[] inverseScales;
    // tree ensembles: every tree's nodes in one set of arrays, children as absolute indices
    private final Trees trees;

    private static final ReasonCode[] CODES = ReasonCode.values();

    /** A score and the reasons behind it. */
    public record Evaluation(double score, List<ModelReason> reasons) {}

    private ModelEvaluator(ModelBundle bundle, FeatureSchema schema, Trees trees) {
        this.modelVersion = bundle.getModelVersion();
        this.scope = bundle.getBankId();
        this.type = bundle.getModelType();
        this.schema = schema;
        this.reviewThreshold = bundle.getReviewThreshold();
        this.declineThreshold = bundle.getDeclineThreshold();
        this.trainedAt = bundle.getTrainedAt();
        this.testMetrics = Map.copyOf(bundle.getMetrics());
        this.featureReasons = FeatureReasons.resolve(schema);
        this.trees = trees;
        if (type == ModelType.LOGISTIC_REGRESSION) {
            var logistic = bundle.getLogistic();
            this.intercept = logistic.getIntercept();
            this.coefficients = toArray(logistic.getCoefficients());
            this.means = toArray(logistic.getMeans());
            this.inverseScales = new double[coefficients.length];
            for (int i = 0; i < inverseScales.length; i++) {
                double scale = logistic.getScales().get(i);
                inverseScales[i] = scale == 0 ? 0 : 1 / scale;
            }
        } else {
            this.intercept = 0;
            this.coefficients = null;
            this.means = null;
            this.inverseScales = null;
        }
    }

    /**
     * Validates {@code bundle} against the features this code computes and compiles it.
     *
     * @throws InvalidModelException naming the first problem found
     */
    public static ModelEvaluator compile(ModelBundle bundle, FeatureSchema schema) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(schema, "schema");
        BundleValidator.validate(bundle, schema);
        Trees trees = bundle.getModelType() == ModelType.LOGISTIC_REGRESSION
                ? null
                : Trees.flatten(bundle.getEnsemble(), bundle.getModelType() == ModelType.RANDOM_FOREST);
        return new ModelEvaluator(bundle, schema, trees);
    }

    /**
     * A bundle as read from {@code fraud-models} under the key {@code scope}: refused when it says it
     * scores another scope (one bank's key must not install a model for another), else
     * {@link #compile(ModelBundle, FeatureSchema)}. What every engine that loads models checks.
     *
     * @throws InvalidModelException naming the first problem found
     */
    public static ModelEvaluator compilePublished(String scope, ModelBundle bundle, FeatureSchema schema) {
        Objects.requireNonNull(bundle, "bundle");
        if (!scope.equals(bundle.getBankId())) {
            throw new InvalidModelException(
                    bundle.getModelVersion(),
                    "published under key " + scope + " but scores bank " + bundle.getBankId());
        }
        return compile(bundle, schema);
    }

    public String modelVersion() {
        return modelVersion;
    }

    /** The bank the model scores, or {@code "*"} for every bank without its own. */
    public String scope() {
        return scope;
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    /** The bundle's metrics on its test window (auc_roc, average_precision, ...), for monitoring. */
    public Map<String, Double> testMetrics() {
        return testMetrics;
    }

    public FeatureSchema schema() {
        return schema;
    }

    public ModelType type() {
        return type;
    }

    /** Probability of fraud in [0, 1] for a feature vector in {@link #schema()} order. */
    public double score(double[] x) {
        checkLength(x);
        if (type == ModelType.LOGISTIC_REGRESSION) {
            double z = intercept;
            for (int i = 0; i < coefficients.length; i++) {
                z += coefficients[i] * (x[i] - means[i]) * inverseScales[i];
            }
            return probability(z);
        }
        return probability(trees.raw(x));
    }

    /** The probability of a raw score (log-odds, margin, or a forest's average). */
    private double probability(double raw) {
        return switch (type) {
            case LOGISTIC_REGRESSION -> 1 / (1 + Math.exp(-raw));
            case GRADIENT_BOOSTED_TREES -> 1 / (1 + Math.exp(-2 * raw));
            default -> clamp(raw);
        };
    }

    /**
     * Writes each feature's contribution to the raw score into {@code out} (length of the schema)
     * and returns the bias: the raw score with no feature known. Bias plus contributions is the raw
     * score exactly.
     */
    public double contributions(double[] x, double[] out) {
        checkLength(x);
        checkLength(out);
        rawAndContributions(x, out);
        return type == ModelType.LOGISTIC_REGRESSION ? intercept : trees.bias();
    }

    /** Fills {@code out} and returns the raw score, summed exactly as {@link #score} sums it. */
    private double rawAndContributions(double[] x, double[] out) {
        if (type == ModelType.LOGISTIC_REGRESSION) {
            double z = intercept;
            for (int i = 0; i < coefficients.length; i++) {
                out[i] = coefficients[i] * (x[i] - means[i]) * inverseScales[i];
                z += out[i];
            }
            return z;
        }
        return trees.contributions(x, out);
    }

    /**
     * {@code score(x)} (exactly) and the reasons behind it, from one walk of the model: features
     * that pushed the score up, grouped by reason code ({@link FeatureReasons}: a reason stating a fact
     * only when {@code x} shows it), strongest first, at most {@code max}. Each reason gets a share of
     * the score in proportion to its positive contribution.
     */
    public Evaluation evaluate(double[] x, int max) {
        checkLength(x);
        double[] contributions = new double[schema.size()];
        double score = probability(rawAndContributions(x, contributions));
        double[] byCode = new double[CODES.length];
        double positive = 0;
        for (int i = 0; i < contributions.length; i++) {
            if (contributions[i] > 0) {
                byCode[featureReasons.codeOf(i, x).ordinal()] += contributions[i];
                positive += contributions[i];
            }
        }
        return new Evaluation(score, positive > 0 ? strongest(byCode, max, score, positive) : List.of());
    }

    /**
     * The codes of positive sum with the largest shares of {@code score}, at most {@code max},
     * strongest first (equal shares in code order): picked one by one, as only a few of the codes
     * are asked for.
     */
    private static List<ModelReason> strongest(double[] byCode, int max, double score, double positive) {
        double[] share = new double[byCode.length];
        for (int c = 0; c < byCode.length; c++) {
            share[c] = byCode[c] > 0 ? score * byCode[c] / positive : -1;
        }
        List<ModelReason> reasons = new ArrayList<>(Math.min(max, CODES.length));
        while (reasons.size() < max) {
            int best = -1;
            for (int c = 0; c < share.length; c++) {
                if (share[c] >= 0 && (best < 0 || share[c] > share[best])) {
                    best = c;
                }
            }
            if (best < 0) {
                break;
            }
            reasons.add(new ModelReason(CODES[best], CODES[best].description(), share[best]));
            share[best] = -1;
        }
        return List.copyOf(reasons);
    }

    /** DECLINE at or above the bundle's decline threshold, REVIEW at or above its review threshold. */
    public Decision decide(double score) {
        if (score >= declineThreshold) {
            return Decision.DECLINE;
        }
        return score >= reviewThreshold ? Decision.REVIEW : Decision.APPROVE;
    }

    private void checkLength(double[] values) {
        if (values.length != schema.size()) {
            throw new IllegalArgumentException(
                    modelVersion + " takes " + schema.size() + " features (" + schema.id() + "), got " + values.length);
        }
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }

    private static double[] toArray(List<Double> values) {
        double[] array = new double[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    @Override
    public String toString() {
        return "ModelEvaluator{" + modelVersion + ", " + type + ", scope " + scope + ", " + schema.id() + "}";
    }
}
