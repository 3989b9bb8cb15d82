package dev.vigil.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.Channel;
import dev.vigil.events.Transaction;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class CachedDatumProviderTest {

    private final CachedDatumProvider<Transaction> provider = configured();

    @Test
    void theSameSchemaGetsTheSameWriterAndReaderWithoutRecomputingAnything() {
        Transaction tx = transaction();
        assertThat(provider.createDatumWriter(tx, Transaction.SCHEMA$))
                .isSameAs(provider.createDatumWriter(transaction(), Transaction.SCHEMA$));
        assertThat(provider.createDatumReader(Transaction.SCHEMA$))
                .isSameAs(provider.createDatumReader(Transaction.SCHEMA$));
    }

    @Test
    void whatItWritesItReadsBackAsTheSpecificRecord() throws IOException {
        Transaction tx = transaction();
        DatumWriter<Transaction> writer = provider.createDatumWriter(tx, tx.getSchema());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        writer.write(tx, encoder);
        encoder.flush();

        // a writer schema parsed anew, as a registry lookup would return it: equal, not the same object
        Schema writerSchema = new Schema.Parser().parse(Transaction.SCHEMA$.toString());
        Transaction read = provider.createDatumReader(writerSchema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(read).isInstanceOf(Transaction.class).isEqualTo(tx);
    }

    @Test
    void theCacheStaysBoundedWhateverSchemaObjectsItIsGiven() {
        Set<Schema> distinct = new HashSet<>();
        int largest = 0;
        for (int i = 0; i < CachedDatumProvider.MAX_ENTRIES * 3; i++) {
            Schema copy = new Schema.Parser().parse(Transaction.SCHEMA$.toString());
            copy.addProp("copy", i); // a property takes part in equality: a schema unlike all before
            distinct.add(copy);
            provider.createDatumReader(copy);
            largest = Math.max(largest, provider.cachedReaders());
        }
        assertThat(distinct).hasSize(CachedDatumProvider.MAX_ENTRIES * 3);
        assertThat(largest).isEqualTo(CachedDatumProvider.MAX_ENTRIES);
    }

    private static CachedDatumProvider<Transaction> configured() {
        CachedDatumProvider<Transaction> provider = new CachedDatumProvider<>();
        provider.configure(new AvroSerdeConfig(Map.of(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true)));
        return provider;
    }

    private static Transaction transaction() {
        Instant at = Instant.parse("2026-11-23T10:15:30Z");
        return Transaction.newBuilder()
                .setTransactionId("tx-1")
                .setBankId("bank-a")
                .setCardToken("tok-1")
                .setCardBin("455673")
                .setCardLast4("9855")
                .setAmountMinor(1_234)
                .setCurrency("EUR")
                .setMerchantId("m-1")
                .setMcc("5411")
                .setMerchantCountry("DE")
                .setChannel(Channel.CARD_PRESENT)
                .setEventTime(at)
                .setUtcOffsetMinutes(60)
                .setReceivedAt(at)
                .build();
    }
}
