package dev.vigil.schemas;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Apicurio's {@link DefaultAvroDatumProvider}, with its reader and writer caches keyed by the
 * {@link Schema} object instead of the schema's parsing fingerprint, which it computes again for
 * every record it reads or writes: a tenth of the scorer's CPU time in a profile
 * (docs/benchmarks.md, "scorer alone"). A serde only ever sees a few schema objects (a specific
 * record's {@code SCHEMA$}, the writer schemas its resolver caches), Avro caches a schema's hash
 * code, and equality of the same object is immediate, so a lookup costs next to nothing.
 *
 * <p>The readers and writers themselves are the default provider's: same decoding, same
 * specific-record resolution. Each cache is bounded, should a client hand it new schema objects
 * without end.
 */
public class CachedDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    static final int MAX_ENTRIES = 256;

    private final Map<Schema, DatumWriter<T>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<T>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        Map<Schema, DatumWriter<T>> writers = data instanceof SpecificRecord ? specificWriters : genericWriters;
        DatumWriter<T> writer = writers.get(schema);
        if (writer == null) {
            writer = super.createDatumWriter(data, schema);
            remember(writers, schema, writer);
        }
        return writer;
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        DatumReader<T> reader = readers.get(schema);
        if (reader == null) {
            reader = super.createDatumReader(schema);
            remember(readers, schema, reader);
        }
        return reader;
    }

    /** How many readers are cached now (for tests of the bound). */
    int cachedReaders() {
        return readers.size();
    }

    private static <V> void remember(Map<Schema, V> cache, Schema schema, V value) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(schema, value);
    }
}
