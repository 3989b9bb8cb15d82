package dev.vigil.features.rules;

import static dev.vigil.features.FeatureSchema.Names.AMOUNT_TO_MEAN_RATIO;
import static dev.vigil.features.FeatureSchema.Names.AMOUNT_Z_SCORE;
import static dev.vigil.features.FeatureSchema.Names.CARD_NOT_PRESENT;
import static dev.vigil.features.FeatureSchema.Names.KM_FROM_LAST_LOCATION;
import static dev.vigil.features.FeatureSchema.Names.NEW_COUNTRY;
import static dev.vigil.features.FeatureSchema.Names.PRIOR_COUNT;
import static dev.vigil.features.FeatureSchema.Names.SPEED_KMH_FROM_LAST;
import static dev.vigil.features.FeatureSchema.Names.TX_COUNT_10M;

import dev.vigil.events.Decision;
import dev.vigil.features.CardFeatures;
import dev.vigil.features.FeatureSchema;
import dev.vigil.features.FeatureVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The scorer before any model, and the floor under one: four rules over a card's
 * {@link FeatureSchema#CURRENT} features, each aimed at one obvious fraud shape and calibrated to stay
 * quiet on genuine traffic ({@link RulesConfig#DEFAULTS}). Rules that fire combine as independent pieces of evidence ("noisy or"):
 * {@code score = 1 - Π(1 - contribution)}, so more reasons always mean a higher score that never
 * passes 1. Each reason's share of the score is proportional to its contribution.
 */
public final class RulesScorer {

    /** The version alerts carry in {@code modelVersion}. */
    public static final String VERSION = "rules-v2";

    private final RulesConfig config;

    public RulesScorer(RulesConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public RiskScore score(FeatureVector features) {
        if (!features.schema().equals(FeatureSchema.CURRENT)) {
            throw new IllegalArgumentException(VERSION + " scores " + FeatureSchema.CURRENT.id() + " features, not "
                    + features.schema().id());
        }
        List<Hit> hits = new ArrayList<>();
        boolean hasHistory = features.get(PRIOR_COUNT) >= config.minHistory();
        double ratio = features.get(AMOUNT_TO_MEAN_RATIO);
        double z = features.get(AMOUNT_Z_SCORE);
        if (hasHistory && ratio >= config.amountRatio() && z >= config.amountZScore()) {
            hits.add(new Hit(
                    ReasonCode.AMOUNT_FAR_ABOVE_USUAL,
                    config.amountContribution(),
                    String.format(
                            Locale.ROOT,
                            "Amount is %.1f times this card's usual and %.1f standard deviations above it",
                            ratio,
                            z)));
        }
        double inWindow = features.get(TX_COUNT_10M);
        if (inWindow >= config.burstTransactions()) {
            hits.add(new Hit(
                    ReasonCode.BURST_OF_TRANSACTIONS,
                    config.burstContribution(),
                    String.format(
                            Locale.ROOT,
                            "%d transactions on this card within %d minutes",
                            (long) inWindow,
                            CardFeatures.BURST_WINDOW.toMinutes())));
        }
        // online shops abroad are an everyday thing; a card presented in a country it never saw is not
        if (hasHistory && features.get(NEW_COUNTRY) == 1 && features.get(CARD_NOT_PRESENT) == 0) {
            hits.add(new Hit(
                    ReasonCode.NEW_COUNTRY_FOR_CARD,
                    config.newCountryContribution(),
                    "First use of this card in the merchant's country"));
        }
        // both are -1 when either location is unknown, which never reaches the thresholds
        double km = features.get(KM_FROM_LAST_LOCATION);
        double kmh = features.get(SPEED_KMH_FROM_LAST);
        if (km >= config.travelMinKm() && kmh >= config.travelMinKmh()) {
            hits.add(new Hit(
                    ReasonCode.IMPOSSIBLE_TRAVEL,
                    config.travelContribution(),
                    String.format(Locale.ROOT, "%.0f km from the card's previous location at %.0f km/h", km, kmh)));
        }
        return combine(hits);
    }

    private RiskScore combine(List<Hit> hits) {
        double clean = 1;
        double total = 0;
        for (Hit hit : hits) {
            clean *= 1 - hit.weight();
            total += hit.weight();
        }
        double score = 1 - clean;
        List<RuleReason> reasons = new ArrayList<>();
        for (Hit hit : hits) {
            reasons.add(new RuleReason(hit.code(), hit.description(), score * hit.weight() / total));
        }
        reasons.sort(Comparator.comparingDouble(RuleReason::contribution).reversed());
        return new RiskScore(score, decisionFor(score), reasons);
    }

    private Decision decisionFor(double score) {
        if (score >= config.declineAt()) {
            return Decision.DECLINE;
        }
        return score >= config.reviewAt() ? Decision.REVIEW : Decision.APPROVE;
    }

    private record Hit(ReasonCode code, double weight, String description) {}
}
