package dev.vigil.features.model;

import dev.vigil.events.MerchantRisk;
import dev.vigil.events.ModelType;
import dev.vigil.events.Transaction;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.CardProfile;
import dev.vigil.features.CardProfileCodec;
import dev.vigil.features.CardTransactions;
import dev.vigil.features.FeatureSchema;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scorer's per-record hot path, piece by piece and whole: profile update with features,
 * logistic and 100-tree depth-6 GBT scoring, reasons, the profile codec. Run as in
 * docs/benchmarks.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;

    CardProfile profile;
    Transaction[] next;
    MerchantRisk risk;
    ModelEvaluator logistic;
    ModelEvaluator gbt;
    double[][] vectors;
    /** Uniform in (0, 1), where the random trees' thresholds are: every split a coin toss, as a trained model's are. */
    double[][] uniform;

    int u;
    byte[] stored;
    int i;

    @Setup
    public void setUp() {
        Random random = new Random(2026);
        List<Transaction> history = CardTransactions.dailyHistory(30, 1_000);
        profile = CardTransactions.fold(history);
        next = new Transaction[64];
        for (int k = 0; k < next.length; k++) {
            Transaction tx = CardTransactions.tx(
                    "tx-next-" + k,
                    500 + random.nextInt(5_000),
                    k % 5 == 0 ? CardTransactions.ABROAD : CardTransactions.HOME,
                    CardTransactions.MIDNIGHT.plus(Duration.ofDays(30)).plusSeconds(random.nextInt(86_400)));
            next[k] = k % 2 == 0 ? CardTransactions.at(tx, CardTransactions.BERLIN) : tx;
        }
        risk = MerchantRisk.newBuilder()
                .setBankId("bank-a")
                .setMerchantId("m-grocer")
                .setReferenceTime(CardTransactions.MIDNIGHT)
                .setLabelDelayDays(7)
                .setTransactions1d(10)
                .setTransactions7d(70)
                .setTransactions30d(300)
                .setFraudRate1d(0.01)
                .setFraudRate7d(0.01)
                .setFraudRate30d(0.01)
                .setComputedAt(CardTransactions.MIDNIGHT)
                .build();
        logistic = ModelEvaluator.compile(Bundles.randomLogistic(random, SCHEMA), SCHEMA);
        gbt = ModelEvaluator.compile(
                Bundles.randomEnsemble(random, SCHEMA, ModelType.GRADIENT_BOOSTED_TREES, 100, 6), SCHEMA);
        vectors = new double[64][];
        for (int k = 0; k < vectors.length; k++) {
            vectors[k] = CardFeatures.next(profile, next[k], risk, anyMerchant -> null)
                    .features()
                    .values();
        }
        stored = CardProfileCodec.encode(profile);
        // more vectors than a branch predictor can learn the paths of
        uniform = new double[4096][];
        for (int k = 0; k < uniform.length; k++) {
            uniform[k] = Bundles.randomVector(random, SCHEMA.size());
        }
    }

    private int nextIndex() {
        i = (i + 1) & 63;
        return i;
    }

    @Benchmark
    public CardFeatures.Step profileUpdateAndFeatures() {
        return CardFeatures.next(profile, next[nextIndex()], risk, anyMerchant -> null);
    }

    @Benchmark
    public double logisticScore() {
        return logistic.score(vectors[nextIndex()]);
    }

    @Benchmark
    public double gbt100TreesDepth6Score() {
        return gbt.score(vectors[nextIndex()]);
    }

    /** The score and its top three reasons from one walk, as the scorer asks for them. */
    @Benchmark
    public ModelEvaluator.Evaluation gbt100TreesDepth6Evaluate() {
        return gbt.evaluate(vectors[nextIndex()], 3);
    }

    /**
     * The score over vectors that split unpredictably. The card vectors above go the same way at
     * most splits of these random trees (an amount in euros is above every threshold in (0, 1)), so
     * a branching walk is predicted well on them and flattered.
     */
    @Benchmark
    public double gbt100TreesDepth6ScoreUniform() {
        u = (u + 1) & 4095;
        return gbt.score(uniform[u]);
    }

    @Benchmark
    public ModelEvaluator.Evaluation gbt100TreesDepth6EvaluateUniform() {
        u = (u + 1) & 4095;
        return gbt.evaluate(uniform[u], 3);
    }

    @Benchmark
    public CardProfile profileDecodeAndEncode() {
        CardProfile read = CardProfileCodec.decode(stored);
        stored = CardProfileCodec.encode(read);
        return read;
    }

    /** What the scorer does per record, store I/O aside: decode, update and features, GBT score and reasons, encode. */
    @Benchmark
    public ModelEvaluator.Evaluation perRecordWithGbt() {
        CardFeatures.Step step =
                CardFeatures.next(CardProfileCodec.decode(stored), next[nextIndex()], risk, anyMerchant -> null);
        ModelEvaluator.Evaluation evaluation = gbt.evaluate(step.features().values(), 3);
        CardProfileCodec.encode(step.profile());
        return evaluation;
    }
}
