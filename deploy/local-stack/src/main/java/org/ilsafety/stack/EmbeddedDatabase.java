package org.ilsafety.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.ilsafety.stack.security.PasswordFile;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries zonky ships in Maven artifacts. With a persistent data
 * directory the data survives restarts and crashes ({@link #DURABLE}: fsync, synchronous commit and full page
 * writes on; a throw-away test database keeps zonky's fast settings); the database and each service's roles and schema are created
 * when missing. Every connection authenticates with scram-sha-256 and a generated password (kept in
 * {@code <data>/security/postgres-passwords.properties}, owner-only): no {@code trust}, also not for the
 * superuser.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "ilsafety";
    public static final String SUPERUSER = "postgres";
    public static final String PASSWORDS_FILE = "postgres-passwords.properties";
    /** The server settings of a database whose data is kept (the run command's): nothing committed is lost in a crash. */
    public static final java.util.Map<String, String> DURABLE = java.util.Map.of("fsync", "on", "synchronous_commit", "on",
            "full_page_writes", "on");

    private final EmbeddedPostgres postgres;
    private final int port;
    private final Path dataDirectory;
    private final boolean keepData;
    private final PasswordFile passwords;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, Path dataDirectory, boolean keepData, PasswordFile passwords) {
        this.postgres = postgres;
        this.port = port;
        this.dataDirectory = dataDirectory;
        this.keepData = keepData;
        this.passwords = passwords;
    }

    /**
     * Starts PostgreSQL on {@code port}. With {@code keepData} the data directory is reused and kept;
     * without it the directory starts empty and is deleted on {@link #close()}.
     */
    public static EmbeddedDatabase start(int port, Path dataDirectory, boolean keepData, PasswordFile passwords) {
        if (!keepData) {
            deleteRecursively(dataDirectory);
        }
        return open(port, dataDirectory, keepData, passwords);
    }

    private static EmbeddedDatabase open(int port, Path dataDirectory, boolean keepData, PasswordFile passwords) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (keepData) {
                // Data that is kept is written safely: zonky starts the server with -F (no fsync) and
                // synchronous_commit=off, which loses committed transactions (acknowledged events) in a crash.
                DURABLE.forEach(builder::setServerConfig);
            }
            EmbeddedPostgres postgres = builder
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // An error's DETAIL quotes the key values it concerns (patient ids): the server log leaves it out.
                    .setServerConfig("log_error_verbosity", "terse")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky's own connections (readiness, administration) authenticate like everyone else
                    .setConnectConfig("password", passwords.password(SUPERUSER))
                    .start();
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, port, dataDirectory, keepData, passwords);
            database.requirePasswords();
            database.createDatabase();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Creates the service's two roles and its schema unless they exist, and (again on every start) sets their
     * passwords and privileges: the owner role owns the schema and runs the migrations; the service role may
     * use the schema and read and write the rows of the tables the owner creates, but not change any table.
     * A schema still owned by the service role (a data folder from before the owner role) is handed over.
     */
    public void prepare(ServiceDatabase service) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String role : java.util.List.of(service.owner(), service.user())) {
                if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                    statement.execute("CREATE ROLE " + role + " LOGIN");
                }
                statement.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + passwords.password(role) + "'");
                statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the roles of " + service.service(), e);
        }
        try (Connection connection = postgres.getDatabase(SUPERUSER, DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            String schema = service.schema();
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + service.owner());
            boolean handOver = exists(statement, "SELECT 1 FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = '"
                    + schema + "' AND r.rolname = '" + service.user() + "'");
            if (handOver) {
                statement.execute("REASSIGN OWNED BY " + service.user() + " TO " + service.owner());
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + service.user());
                statement.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + service.user());
                if (exists(statement, "SELECT 1 FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename = 'audit_event'")) {
                    statement.execute("REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON " + schema + ".audit_event FROM " + service.user());
                }
            }
            statement.execute("REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
            statement.execute("REVOKE CREATE ON SCHEMA " + schema + " FROM " + service.user());
            statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + service.user());
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + service.owner() + " IN SCHEMA " + schema
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + service.user());
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + service.owner() + " IN SCHEMA " + schema
                    + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + service.user());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the schema of " + service.service(), e);
        }
    }

    /** The generated password of a role of this server. */
    public String password(String role) {
        return passwords.password(role);
    }

    /**
     * The superuser gets its password, and every connection (TCP on loopback, Unix socket) must then
     * authenticate with scram-sha-256; the server reloads its pg_hba.conf at once. A fresh cluster is
     * initialized by zonky with trust, which this replaces before any role or data exists.
     */
    private void requirePasswords() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + passwords.password(SUPERUSER) + "'");
            String hba = String.join("\n",
                    "# Written by the suite's launcher: every connection authenticates with scram-sha-256.",
                    "# TYPE  DATABASE  USER  ADDRESS        METHOD",
                    "local   all       all                  scram-sha-256",
                    "host    all       all   127.0.0.1/32   scram-sha-256",
                    "host    all       all   ::1/128        scram-sha-256",
                    "");
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), hba);
            try (ResultSet reloaded = statement.executeQuery("SELECT pg_reload_conf()")) {
                reloaded.next();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not require passwords of PostgreSQL's clients", e);
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

    /**
     * A crash: SIGKILL to the postmaster and every server process, as a power cut or the OOM killer would leave it
     * (no checkpoint, no shutdown record). {@link #startAgain()} then runs crash recovery from the WAL (fault tests).
     */
    public void crash() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
            ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
            List<ProcessHandle> backends = handle.children().toList();
            handle.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            for (ProcessHandle backend : backends) {
                backend.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            // Releases the data directory's lock; its pg_ctl stop finds no server and only logs that.
            stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not die on SIGKILL", e);
        }
    }

    /** A stopped or crashed server, started again on the same port with the same data. */
    public EmbeddedDatabase startAgain() {
        return open(port, dataDirectory, keepData, passwords);
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
