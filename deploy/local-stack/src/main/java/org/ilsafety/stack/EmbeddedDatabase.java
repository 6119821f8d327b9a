package org.ilsafety.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries zonky ships in Maven artifacts. With a persistent data
 * directory the data survives restarts; the database and each service's role and schema are created
 * when missing.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "ilsafety";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;
    private final boolean keepData;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, Path dataDirectory, boolean keepData) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
    }

    /**
     * Starts PostgreSQL on {@code port}. With {@code keepData} the data directory is reused and kept;
     * without it the directory starts empty and is deleted on {@link #close()}.
     */
    public static EmbeddedDatabase start(int port, Path dataDirectory, boolean keepData) {
        if (!keepData) {
            deleteRecursively(dataDirectory);
        }
        return open(port, dataDirectory, keepData);
    }

    private static EmbeddedDatabase open(int port, Path dataDirectory, boolean keepData) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // An error's DETAIL quotes the key values it concerns (patient ids): the server log leaves it out.
                    .setServerConfig("log_error_verbosity", "terse")
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, port, dataDirectory, keepData);
            database.createDatabase();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public int port() {
        return port;
    }

    /** Creates the service's role and schema unless they exist (idempotent). */
    public void prepare(ServiceDatabase service) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + service.user() + "'")) {
                statement.execute("CREATE ROLE " + service.user() + " LOGIN PASSWORD '" + service.password() + "'");
            }
            statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + service.user());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the role of " + service.service(), e);
        }
        try (Connection connection = postgres.getDatabase("postgres", DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + service.schema() + " AUTHORIZATION " + service.user());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the schema of " + service.service(), e);
        }
    }

    /** Each service sets its own schema (currentSchema) in its configuration. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    private void createDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database", e);
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    /** Stops the server without touching its data; {@link #startAgain()} brings it back (fault tests). */
    public void stopKeepingData() {
        stop();
    }

    /** A stopped server, started again on the same port with the same data. */
    public EmbeddedDatabase startAgain() {
        return open(port, dataDirectory, keepData);
    }

    @Override
    public void close() {
        stop();
        if (!keepData) {
            deleteRecursively(dataDirectory);
        }
    }

    private void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
