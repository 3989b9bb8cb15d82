package dev.vigil.scorer;

import dev.vigil.features.CardProfile;
import dev.vigil.features.CardProfileCodec;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The card-profile store's values, in {@link CardProfileCodec}'s compact versioned form. */
final class CardProfileSerde {

    private CardProfileSerde() {}

    static Serde<CardProfile> create() {
        return Serdes.serdeFrom(
                (topic, profile) -> profile == null ? null : CardProfileCodec.encode(profile),
                (topic, bytes) -> bytes == null ? null : CardProfileCodec.decode(bytes));
    }
}
