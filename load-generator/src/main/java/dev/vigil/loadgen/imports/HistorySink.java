package dev.vigil.loadgen.imports;

import dev.vigil.loadgen.scenario.SimTransaction;
import java.time.Instant;

/** Where imported records go, in the order the import makes them: Kafka, or a list in a test. */
interface HistorySink {

    void transaction(SimTransaction transaction);

    void label(SimTransaction transaction, boolean fraud, Instant labelledAt);
}
