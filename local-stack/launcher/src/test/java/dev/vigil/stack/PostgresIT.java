package dev.vigil.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stack's PostgreSQL holds the registry's database beside Vigil's, and refuses data made without it. */
class PostgresIT {

    private Path root;
    private Postgres postgres;

    @BeforeEach
    void start() throws Exception {
        root = Files.createTempDirectory("vigil-pg-it-");
        postgres = new Postgres(new StackLayout(root), StackPorts.free().postgres(), Lifetime.TEST);
        postgres.start();
    }

    @AfterEach
    void stopAndDelete() {
        try {
            postgres.stop();
        } finally {
            Directories.deleteRecursively(root);
        }
    }

    @Test
    void theVigilUserOwnsTheRegistrysDatabase() throws Exception {
        SchemaRegistry.Storage storage = postgres.registryStorage();
        try (Connection connection =
                        DriverManager.getConnection(storage.jdbcUrl(), storage.user(), storage.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE registry_it (id bigint)");
        }
        assertThat(storage.jdbcUrl()).endsWith("/registry");
    }

    @Test
    void aClusterWithoutTheRegistrysDatabaseIsRefusedWithWhatToDo() throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), Postgres.USER, Postgres.PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + Postgres.REGISTRY_DATABASE);
        }
        postgres.stop();

        assertThatThrownBy(postgres::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no 'registry' database")
                .hasMessageContaining(
                        "delete " + root.toAbsolutePath().normalize().resolve("data"));
    }
}
