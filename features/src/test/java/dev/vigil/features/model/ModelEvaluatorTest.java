package dev.vigil.features.model;

import static dev.vigil.features.model.Bundles.leaf;
import static dev.vigil.features.model.Bundles.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.events.Decision;
import dev.vigil.events.ModelBundle;
import dev.vigil.events.ModelType;
import dev.vigil.events.TreeNode;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.rules.ReasonCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelEvaluatorTest {

    /** Small schema whose names map to known reasons: amount, travel, night, merchant, and one unmapped. */
    static final FeatureSchema TINY = new FeatureSchema(
            "tiny",
            1,
            List.of("amount_z_score", "km_from_last_location", "night_time", "merchant_fraud_rate_7d", "mystery"));

    static final FeatureSchema WIDE = FeatureSchema.CURRENT;
    private static final FeatureReasons.Resolved WIDE_REASONS = FeatureReasons.resolve(WIDE);

    @Test
    void gradientBoostedStumpGivesSigmoidOfTwiceTheMargin() {
        ModelBundle bundle = Bundles.ensemble(
                TINY,
                "gbt-stump",
                ModelType.GRADIENT_BOOSTED_TREES,
                new double[] {0.5},
                List.of(List.of(split(0, 2.0, 1, 2, 0.0), leaf(-1.0), leaf(1.0))));
        ModelEvaluator model = ModelEvaluator.compile(bundle, TINY);

        // right leaf: margin 0.5 * 1.0, p = 1 / (1 + e^-1)
        assertThat(model.score(new double[] {3, 0, 0, 0, 0})).isCloseTo(0.7310585786, within(1e-9));
        // threshold itself goes left: margin -0.5
        assertThat(model.score(new double[] {2, 0, 0, 0, 0})).isCloseTo(0.2689414214, within(1e-9));
    }

    @Test
    void randomForestAveragesLeafProbabilitiesByWeight() {
        ModelBundle bundle = Bundles.ensemble(
                TINY,
                "rf-two",
                ModelType.RANDOM_FOREST,
                new double[] {1, 3},
                List.of(
                        List.of(split(1, 100, 1, 2, 0.5), leaf(0.2), leaf(0.8)),
                        List.of(split(2, 0.5, 1, 2, 0.5), leaf(0.1), leaf(0.9))));
        ModelEvaluator model = ModelEvaluator.compile(bundle, TINY);

        // far (0.8) and at night (0.9): (1 * 0.8 + 3 * 0.9) / 4
        assertThat(model.score(new double[] {0, 500, 1, 0, 0})).isCloseTo(0.875, within(1e-12));
        // near (0.2) and by day (0.1)
        assertThat(model.score(new double[] {0, 5, 0, 0, 0})).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void logisticStandardisesAndIgnoresZeroScale() {
        ModelBundle bundle = Bundles.logistic(
                TINY, "lr-1", -1.0, new double[] {2, 0, 0, 0, 100}, new double[] {1, 0, 0, 0, 0}, new double[] {
                    2, 1, 1, 1, 0
                });
        ModelEvaluator model = ModelEvaluator.compile(bundle, TINY);

        // z = -1 + 2 * (5 - 1) / 2 = 3; the "mystery" feature has scale 0 and is ignored
        assertThat(model.score(new double[] {5, 0, 0, 0, 1e9})).isCloseTo(1 / (1 + Math.exp(-3)), within(1e-12));
    }

    /** A random logistic model over {@code WIDE}, or an ensemble of {@code trees} trees of {@code depth}. */
    private static ModelBundle randomBundle(Random random, ModelType type, int trees, int depth) {
        return type == ModelType.LOGISTIC_REGRESSION
                ? Bundles.randomLogistic(random, WIDE)
                : Bundles.randomEnsemble(random, WIDE, type, trees, depth);
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelType.class,
            names = {"LOGISTIC_REGRESSION", "GRADIENT_BOOSTED_TREES", "RANDOM_FOREST"})
    void equalsReferenceImplementationOnRandomBundlesAndVectors(ModelType type) {
        Random random = new Random(42 + type.ordinal());
        for (int b = 0; b < 20; b++) {
            ModelBundle bundle = randomBundle(random, type, 1 + random.nextInt(30), 1 + random.nextInt(6));
            ModelEvaluator model = ModelEvaluator.compile(bundle, WIDE);
            for (int v = 0; v < 50; v++) {
                double[] x = Bundles.randomVector(random, WIDE.size());
                assertThat(model.score(x)).isCloseTo(ReferenceModel.score(bundle, x), within(1e-12));
            }
        }
    }

    @Test
    void boostedTreesScoreBitForBitAsAPlainWalkWhateverTheirShapes() {
        Random random = new Random(19);
        double[] out = new double[WIDE.size()];
        double[] expected = new double[WIDE.size()];
        for (int b = 0; b < 40; b++) {
            // 1 to 13 trees: groups walked side by side and the trees after the last full group
            int count = 1 + random.nextInt(13);
            List<List<TreeNode>> trees = new ArrayList<>();
            double[] weights = new double[count];
            for (int t = 0; t < count; t++) {
                trees.add(Bundles.randomUnevenTree(random, WIDE.size(), random.nextInt(9), 0.3));
                weights[t] = 0.1 + random.nextDouble();
            }
            ModelBundle bundle = Bundles.ensemble(WIDE, "gbt-uneven", ModelType.GRADIENT_BOOSTED_TREES, weights, trees);
            ModelEvaluator model = ModelEvaluator.compile(bundle, WIDE);
            for (int v = 0; v < 50; v++) {
                double[] x = Bundles.randomVector(random, WIDE.size());
                // a NaN feature goes right, as in Spark
                if (v % 10 == 0) {
                    x[random.nextInt(x.length)] = Double.NaN;
                }

                double raw = ReferenceModel.contributions(bundle, x, expected);

                assertThat(model.score(x)).isEqualTo(1 / (1 + Math.exp(-2 * raw)));
                assertThat(model.score(x)).isEqualTo(ReferenceModel.score(bundle, x));
                model.contributions(x, out);
                assertThat(out).containsExactly(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelType.class,
            names = {"LOGISTIC_REGRESSION", "GRADIENT_BOOSTED_TREES", "RANDOM_FOREST"})
    void biasPlusContributionsIsTheRawScore(ModelType type) {
        Random random = new Random(7 + type.ordinal());
        ModelBundle bundle = randomBundle(random, type, 25, 5);
        ModelEvaluator model = ModelEvaluator.compile(bundle, WIDE);
        double[] out = new double[WIDE.size()];
        for (int v = 0; v < 100; v++) {
            double[] x = Bundles.randomVector(random, WIDE.size());
            double raw = model.contributions(x, out);
            for (double c : out) {
                raw += c;
            }
            assertThat(raw).isCloseTo(ReferenceModel.raw(bundle, x), within(1e-9));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ModelType.class,
            names = {"LOGISTIC_REGRESSION", "GRADIENT_BOOSTED_TREES", "RANDOM_FOREST"})
    void evaluateGivesExactlyTheScoreAndTheReasonsInOneWalk(ModelType type) {
        Random random = new Random(11 + type.ordinal());
        ModelBundle bundle = randomBundle(random, type, 40, 6);
        ModelEvaluator model = ModelEvaluator.compile(bundle, WIDE);
        double[] out = new double[WIDE.size()];
        for (int v = 0; v < 200; v++) {
            double[] x = Bundles.randomVector(random, WIDE.size());

            ModelEvaluator.Evaluation evaluation = model.evaluate(x, 3);

            // bit for bit: a decision at a threshold must not depend on which method scored
            assertThat(evaluation.score()).isEqualTo(model.score(x));
            // the reasons are the codes whose features' positive contributions (as contributions() finds them) are
            // largest
            model.contributions(x, out);
            Map<ReasonCode, Double> positiveByCode = new EnumMap<>(ReasonCode.class);
            for (int i = 0; i < out.length; i++) {
                if (out[i] > 0) {
                    positiveByCode.merge(WIDE_REASONS.codeOf(i, x), out[i], Double::sum);
                }
            }
            List<ReasonCode> strongest = positiveByCode.entrySet().stream()
                    .sorted(Map.Entry.<ReasonCode, Double>comparingByValue().reversed())
                    .limit(3)
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(evaluation.reasons())
                    .extracting(ModelReason::code)
                    .containsExactlyInAnyOrderElementsOf(strongest);
            assertThat(evaluation.reasons())
                    .isSortedAccordingTo(Comparator.comparingDouble(ModelReason::contribution)
                            .reversed());
            assertThat(evaluation.reasons().stream()
                            .mapToDouble(ModelReason::contribution)
                            .sum())
                    .isLessThanOrEqualTo(evaluation.score() + 1e-12);
        }
    }

    @Test
    void aBundlePublishedUnderAnotherScopeThanItNamesIsRefused() {
        ModelBundle forAllBanks = Bundles.randomLogistic(new Random(3), TINY);

        assertThat(ModelEvaluator.compilePublished("*", forAllBanks, TINY).scope())
                .isEqualTo("*");
        assertThatThrownBy(() -> ModelEvaluator.compilePublished("bank-a", forAllBanks, TINY))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("published under key bank-a but scores bank *");
    }

    @Test
    void treeContributionsFollowThePathTaken() {
        // root on amount (0.1) -> right on travel (0.4) -> leaf 0.9
        List<TreeNode> tree =
                List.of(split(0, 3.0, 1, 2, 0.1), leaf(0.0), split(1, 500, 3, 4, 0.4), leaf(0.2), leaf(0.9));
        ModelEvaluator model = ModelEvaluator.compile(
                Bundles.ensemble(TINY, "rf-path", ModelType.RANDOM_FOREST, new double[] {1}, List.of(tree)), TINY);
        double[] out = new double[TINY.size()];

        double bias = model.contributions(new double[] {4, 900, 0, 0, 0}, out);

        assertThat(bias).isCloseTo(0.1, within(1e-12));
        assertThat(out).containsExactly(new double[] {0.3, 0.5, 0, 0, 0}, within(1e-12));
    }

    @Test
    void reasonsAreThePositiveContributionsGroupedByCodeStrongestFirst() {
        // amount pushes up 3, travel up 1, merchant down 2, "mystery" up 0.5 (unmapped)
        ModelBundle bundle = Bundles.logistic(
                TINY, "lr-reasons", 0, new double[] {3, 1, 0, -2, 0.5}, new double[5], new double[] {1, 1, 1, 1, 1});
        ModelEvaluator model = ModelEvaluator.compile(bundle, TINY);
        double[] x = {1, 1, 0, 1, 1};

        List<ModelReason> reasons = model.evaluate(x, 5).reasons();

        assertThat(reasons)
                .extracting(ModelReason::code)
                .containsExactly(
                        ReasonCode.AMOUNT_FAR_ABOVE_USUAL, ReasonCode.IMPOSSIBLE_TRAVEL, ReasonCode.UNUSUAL_PATTERN);
        double score = model.score(x);
        assertThat(reasons.stream().mapToDouble(ModelReason::contribution).sum())
                .isCloseTo(score, within(1e-12));
        assertThat(reasons.get(0).contribution()).isCloseTo(score * 3 / 4.5, within(1e-12));
        assertThat(reasons.get(0).description()).isEqualTo(ReasonCode.AMOUNT_FAR_ABOVE_USUAL.description());
        assertThat(model.evaluate(x, 1).reasons()).hasSize(1);
    }

    @Test
    void reasonsOfEqualShareComeInCodeOrderAndTheWeakestAreLeftOut() {
        // unmapped, merchant and travel each push up 1, amount 0.5
        ModelBundle bundle = Bundles.logistic(
                TINY, "lr-ties", 0, new double[] {0.5, 1, 0, 1, 1}, new double[5], new double[] {1, 1, 1, 1, 1});
        ModelEvaluator model = ModelEvaluator.compile(bundle, TINY);

        List<ModelReason> reasons =
                model.evaluate(new double[] {1, 1, 0, 1, 1}, 2).reasons();

        assertThat(reasons)
                .extracting(ModelReason::code)
                .containsExactly(ReasonCode.IMPOSSIBLE_TRAVEL, ReasonCode.RISKY_MERCHANT);
        assertThat(reasons.get(0).contribution()).isEqualTo(reasons.get(1).contribution());
    }

    @Test
    void aReasonThatStatesAFactIsGivenOnlyWhenTheTransactionShowsIt() {
        // local_hour and night_time both speak for NIGHT_TIME; new_country for NEW_COUNTRY_FOR_CARD
        FeatureSchema schema =
                new FeatureSchema("facts", 1, List.of("local_hour", "night_time", "new_country", "amount_z_score"));
        ModelBundle bundle = Bundles.logistic(
                schema, "lr-facts", 0, new double[] {2, 1, 1.5, 0.5}, new double[4], new double[] {1, 1, 1, 1});
        ModelEvaluator model = ModelEvaluator.compile(bundle, schema);

        // 14:00, not new country: the hour's push is an unusual pattern, new_country (0) pushes nothing
        List<ModelReason> day = model.evaluate(new double[] {14, 0, 0, 1}, 5).reasons();
        // 02:00 at night in a new country: both facts hold and are stated
        List<ModelReason> night = model.evaluate(new double[] {2, 1, 1, 1}, 5).reasons();

        assertThat(day)
                .extracting(ModelReason::code)
                .containsExactly(ReasonCode.UNUSUAL_PATTERN, ReasonCode.AMOUNT_FAR_ABOVE_USUAL);
        assertThat(night)
                .extracting(ModelReason::code)
                .containsExactly(
                        ReasonCode.NIGHT_TIME, ReasonCode.NEW_COUNTRY_FOR_CARD, ReasonCode.AMOUNT_FAR_ABOVE_USUAL);
        // the score's share still goes to the contributions that made it, whatever they are called
        assertThat(night.get(0).contribution())
                .isCloseTo(model.score(new double[] {2, 1, 1, 1}) * 5 / 7, within(1e-12));
    }

    @Test
    void decidesByTheBundlesThresholds() {
        ModelEvaluator model = ModelEvaluator.compile(Bundles.randomLogistic(new Random(1), TINY), TINY);

        assertThat(model.decide(0.49)).isEqualTo(Decision.APPROVE);
        assertThat(model.decide(0.5)).isEqualTo(Decision.REVIEW);
        assertThat(model.decide(0.9)).isEqualTo(Decision.DECLINE);
        assertThat(model.modelVersion()).isEqualTo("lr-random");
        assertThat(model.scope()).isEqualTo("*");
    }

    @Test
    void refusesAModelTrainedOnAnotherSchema() {
        ModelBundle bundle = Bundles.randomLogistic(new Random(1), TINY);

        assertThatThrownBy(() -> ModelEvaluator.compile(bundle, WIDE))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("lr-random")
                .hasMessageContaining("trained on feature schema tiny-v1")
                .hasMessageContaining(WIDE.id());
    }

    @Test
    void refusesAModelTrainedOnTheFirstCardFeatures() {
        ModelBundle bundle =
                Bundles.randomLogistic(new Random(1), new FeatureSchema("card", 1, FeatureSchema.CURRENT.names()));

        assertThatThrownBy(() -> ModelEvaluator.compile(bundle, FeatureSchema.CURRENT))
                .hasMessage(
                        "model lr-random refused: trained on feature schema card-v1 but the features computed here are card-v7");
    }

    @Test
    void refusesAModelTrainedOnCardV3WithoutTheCommonPointFeatures() {
        ModelBundle bundle = Bundles.randomLogistic(new Random(1), FeatureSchema.CARD_V3);

        assertThatThrownBy(() -> ModelEvaluator.compile(bundle, FeatureSchema.CURRENT))
                .hasMessage(
                        "model lr-random refused: trained on feature schema card-v3 but the features computed here are card-v7");
    }

    @Test
    void refusesReorderedFeatureNames() {
        List<String> swapped = new ArrayList<>(TINY.names());
        Collections.swap(swapped, 0, 1);
        ModelBundle bundle = ModelBundle.newBuilder(Bundles.randomLogistic(new Random(1), TINY))
                .setFeatureNames(swapped)
                .build();

        assertThatThrownBy(() -> ModelEvaluator.compile(bundle, TINY)).hasMessageContaining("feature names");
    }

    @Test
    void refusesWrongArrayLengthsAndMissingParts() {
        ModelBundle shortCoefficients =
                Bundles.logistic(TINY, "lr-short", 0, new double[4], new double[5], new double[5]);
        ModelBundle noEnsemble = Bundles.base(TINY, "gbt-empty", ModelType.GRADIENT_BOOSTED_TREES)
                .build();
        ModelBundle fewerWeights = Bundles.ensemble(
                TINY, "gbt-weights", ModelType.GRADIENT_BOOSTED_TREES, new double[] {1, 1}, List.of(List.of(leaf(1))));

        assertThatThrownBy(() -> ModelEvaluator.compile(shortCoefficients, TINY))
                .hasMessageContaining("coefficients has 4 entries, expected 5");
        assertThatThrownBy(() -> ModelEvaluator.compile(noEnsemble, TINY)).hasMessageContaining("without an ensemble");
        assertThatThrownBy(() -> ModelEvaluator.compile(fewerWeights, TINY))
                .hasMessageContaining("weights has 2 entries, expected 1");
    }

    @Test
    void refusesBrokenTrees() {
        assertRefused(List.of(split(0, 1, 1, 7, 0), leaf(0), leaf(1)), "right child 7 is outside");
        assertRefused(List.of(split(9, 1, 1, 2, 0), leaf(0), leaf(1)), "splits on feature 9");
        assertRefused(List.of(split(0, 1, 1, 2, 0), leaf(0), split(1, 1, 1, 0 + 1, 0)), "reaches node 1 twice");
        assertRefused(List.of(split(0, 1, 1, 2, 0), split(1, 1, 1, 2, 0), leaf(1)), "twice");
        assertRefused(List.of(split(0, 1, 1, 2, 0), leaf(0), leaf(1), leaf(2)), "1 nodes unreachable");
        assertRefused(List.of(split(0, Double.NaN, 1, 2, 0), leaf(0), leaf(1)), "threshold that is not finite");
        assertRefused(
                List.of(split(0, 1, 1, 2, 0), leaf(Double.POSITIVE_INFINITY), leaf(1)), "value that is not finite");
    }

    @Test
    void refusesThresholdsThatContradictTheirPath() {
        // left of x0 <= 1, a split x0 <= 2 can never go right
        List<TreeNode> tree = List.of(split(0, 1, 1, 4, 0), split(0, 2, 2, 3, 0), leaf(0), leaf(1), leaf(2));

        assertRefused(tree, "threshold 2.0 is outside (-Infinity, 1.0)");
    }

    @Test
    void refusesThresholdsInTheWrongOrder() {
        ModelBundle bundle = ModelBundle.newBuilder(Bundles.randomLogistic(new Random(1), TINY))
                .setReviewThreshold(0.9)
                .setDeclineThreshold(0.5)
                .build();

        assertThatThrownBy(() -> ModelEvaluator.compile(bundle, TINY)).hasMessageContaining("review <= decline");
    }

    @Test
    void scoringAVectorOfTheWrongLengthFails() {
        ModelEvaluator model = ModelEvaluator.compile(Bundles.randomLogistic(new Random(1), TINY), TINY);

        assertThatThrownBy(() -> model.score(new double[3])).hasMessageContaining("takes 5 features");
    }

    private static void assertRefused(List<TreeNode> tree, String problem) {
        ModelBundle bundle =
                Bundles.ensemble(TINY, "gbt-broken", ModelType.GRADIENT_BOOSTED_TREES, new double[] {1}, List.of(tree));
        assertThatThrownBy(() -> ModelEvaluator.compile(bundle, TINY))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("gbt-broken")
                .hasMessageContaining(problem);
    }
}
