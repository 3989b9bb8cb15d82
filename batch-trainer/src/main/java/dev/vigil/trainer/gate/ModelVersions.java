package dev.vigil.trainer.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.events.ModelBundle;
import dev.vigil.trainer.training.Training;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;

/** The {@code model_versions} table: every candidate, its window, metrics and status (plain JDBC). */
public final class ModelVersions {

    public enum Status {
        CHAMPION,
        CHALLENGER,
        REJECTED;

        public String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The champion in force for a scope: its version, type, feature schema and where its Spark model is. */
    record Champion(String version, String modelType, String featureSchema, String sparkModelPath) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String jdbcUrl;
    private final String user;
    private final String password;

    public ModelVersions(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Creates the table and its index when missing. */
    public void migrate() {
        try (Connection c = connect();
                Statement s = c.createStatement();
                InputStream sql = ModelVersions.class.getResourceAsStream("/db/model_versions.sql")) {
            s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create model_versions", e);
        }
    }

    Optional<Champion> champion(String bankId) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT version, model_type, feature_schema, spark_model_path FROM model_versions "
                                + "WHERE bank_id = ? AND status = 'champion'")) {
            s.setString(1, bankId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new Champion(r.getString(1), r.getString(2), r.getString(3), r.getString(4)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the champion", e);
        }
    }

    /**
     * Records a run's candidates in one transaction; when one of them is the new champion, the old
     * champion of its scope becomes a challenger first (at most one champion per scope).
     */
    void record(java.util.List<Decision> decisions) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            for (Decision d : decisions) {
                ModelBundle b = d.bundle();
                if (d.status() == Status.CHAMPION) {
                    try (PreparedStatement demote = c.prepareStatement(
                            "UPDATE model_versions SET status = 'challenger' WHERE bank_id = ? AND status = 'champion'")) {
                        demote.setString(1, b.getBankId());
                        demote.executeUpdate();
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO model_versions (version, bank_id, model_type, "
                                + "feature_schema, train_from, train_to, test_from, test_to, auc_roc, average_precision, metrics, "
                                + "status, champion_average_precision, spark_model_path, trained_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING")) {
                    s.setString(1, b.getModelVersion());
                    s.setString(2, b.getBankId());
                    s.setString(3, b.getModelType().name());
                    s.setString(4, b.getFeatureSchema());
                    s.setTimestamp(5, Timestamp.from(b.getTrainFromTime()));
                    s.setTimestamp(6, Timestamp.from(b.getTrainToTime()));
                    s.setTimestamp(7, Timestamp.from(b.getTestFromTime()));
                    s.setTimestamp(8, Timestamp.from(b.getTestToTime()));
                    s.setObject(9, b.getMetrics().get(Training.MetricNames.AUC_ROC));
                    s.setDouble(10, b.getMetrics().get(Training.MetricNames.AVERAGE_PRECISION));
                    s.setString(11, JSON.writeValueAsString(b.getMetrics()));
                    s.setString(12, d.status().column());
                    s.setObject(13, d.championAveragePrecision());
                    s.setString(14, d.sparkModelPath());
                    s.setTimestamp(15, Timestamp.from(b.getTrainedAt()));
                    s.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot record model versions", e);
        }
    }

    /** What the gate decided for one candidate. */
    public record Decision(ModelBundle bundle, Status status, Double championAveragePrecision, String sparkModelPath) {}

    Optional<Status> status(String version) {
        try (Connection c = connect();
                PreparedStatement s = c.prepareStatement("SELECT status FROM model_versions WHERE version = ?")) {
            s.setString(1, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(Status.valueOf(r.getString(1).toUpperCase(java.util.Locale.ROOT)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read model version " + version, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
