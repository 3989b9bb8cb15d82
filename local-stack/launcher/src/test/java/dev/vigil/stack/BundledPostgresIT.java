package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fallback for machines without PostgreSQL installed: the bundled binaries, run as the installed ones are. */
class BundledPostgresIT {

    private Path root;
    private Postgres postgres;

    @BeforeEach
    void createStackDirectory() throws Exception {
        root = Files.createTempDirectory("vigil-bundled-pg-it-");
    }

    @AfterEach
    void stopAndDelete() {
        postgres.stop();
        Directories.deleteRecursively(root);
    }

    @Test
    void bundledBinariesServeTheVigilDatabaseAndStopCleanly() throws Exception {
        int port = StackPorts.free().postgres();
        postgres = new Postgres(new StackLayout(root), port, Lifetime.TEST, PostgresBinaries::bundled);

        postgres.start();

        ProcessHandle postmaster = postgres.process().orElseThrow();
        long pid = postmaster.pid();
        assertThat(postmaster.info().command())
                .get()
                .asString()
                .startsWith(root.toRealPath().toString());
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), "vigil", "vigil");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_user, current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("vigil");
            assertThat(rows.getString(2)).isEqualTo("vigil");
        }
        postgres.stop();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        assertThat(postgres.process()).isEmpty();
    }
}
