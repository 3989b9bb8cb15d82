package dev.vigil.ingest;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardTokenizer;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.ingest.json.JsonReader;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The plain objects the features share, built from configuration. */
class IngestBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    JsonReader jsonReader(IngestConfig config) {
        return new JsonReader(config.json().maxDepth());
    }

    /** Built at startup, so a missing or weak key, or a bad BIN table, stops the service before it takes traffic. */
    @Produces
    @Singleton
    @Startup
    PanTokenizer panTokenizer(IngestConfig config) {
        return new PanTokenizer(
                CardTokenizer.decodeKey(config.panTokenKey(), "vigil.ingest.pan-token-key"),
                BinCountries.loadOrDefaults(config.binTable()));
    }
}
