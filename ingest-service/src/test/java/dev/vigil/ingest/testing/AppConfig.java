package dev.vigil.ingest.testing;

import dev.vigil.card.BinCountries;
import dev.vigil.card.CardTokenizer;
import dev.vigil.ingest.card.CardNumber;
import dev.vigil.ingest.card.PanTokenizer;
import dev.vigil.schemas.Topic;
import dev.vigil.schemas.TopicSerdes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a {@code @QuarkusTest} needs to know of the running application's configuration. */
public final class AppConfig {

    private AppConfig() {}

    public static String get(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    /** A probe on the broker the application writes to. */
    public static KafkaProbe kafkaProbe() {
        return new KafkaProbe(get("kafka.bootstrap.servers"));
    }

    /** A value deserializer of {@code topic} on the registry the application uses. */
    public static <V> Deserializer<V> deserializer(Topic<String, V> topic) {
        return new TopicSerdes(get("apicurio.registry.url"), false)
                .valueSerde(topic)
                .deserializer();
    }

    /**
     * Records in the application's database that {@code bank} sent {@code transactionId} on card
     * {@code pan} and Kafka acknowledged it: what a transaction sent earlier left behind.
     */
    public static void recordSent(String bank, String transactionId, String pan) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO ingest.sent_transactions (bank_id, transaction_id, content_hash, card_token, event_time, acknowledged)
                        VALUES (?, ?, 'sent-earlier', ?, now(), true) ON CONFLICT DO NOTHING""")) {
            insert.setString(1, bank);
            insert.setString(2, transactionId);
            insert.setString(3, tokenOf(pan));
            insert.executeUpdate();
        }
    }

    /** Every column of the store's row of a transaction, as text, for checks of what is kept. */
    public static String sentRow(String bank, String transactionId) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT s::text FROM ingest.sent_transactions s WHERE bank_id = ? AND transaction_id = ?")) {
            select.setString(1, bank);
            select.setString(2, transactionId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : "";
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                get("quarkus.datasource.jdbc.url"),
                get("quarkus.datasource.username"),
                get("quarkus.datasource.password"));
    }

    /** The token the application gives {@code pan}, computed independently of its beans. */
    public static String tokenOf(String pan) {
        byte[] key = CardTokenizer.decodeKey(get("vigil.ingest.pan-token-key"), "vigil.ingest.pan-token-key");
        return new PanTokenizer(key, BinCountries.defaults())
                .tokenize(CardNumber.parse(pan).value())
                .token();
    }
}
