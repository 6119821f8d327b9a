package org.ilsafety.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.ilsafety.stack.security.PasswordFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command keeps its data: its PostgreSQL must not lose a committed transaction in a crash. */
class DurableDatabaseTest {
    @TempDir
    Path data;

    @Test
    void keptDataIsWrittenWithFsyncSynchronousCommitAndFullPageWrites() throws Exception {
        assertEquals(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"), settings(true));
    }

    @Test
    void aThrowAwayTestDatabaseKeepsTheFastSettings() throws Exception {
        assertEquals("off", settings(false).get("fsync"));
    }

    @Test
    void aTransactionCommittedJustBeforeAKillMinus9IsThereAfterCrashRecovery() throws Exception {
        PasswordFile passwords = PasswordFile.at(data.resolve("security").resolve(EmbeddedDatabase.PASSWORDS_FILE), "test");
        EmbeddedDatabase database = EmbeddedDatabase.start(FreePorts.next(), data.resolve("postgres"), true, passwords);
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE acknowledged (id int PRIMARY KEY)");
            for (int i = 0; i < 200; i++) {
                statement.execute("INSERT INTO acknowledged VALUES (" + i + ")"); // autocommit: 200 commits, the last just before the kill
            }
        }
        database.crash();
        try (EmbeddedDatabase recovered = database.startAgain(); Connection connection = connect(recovered);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), max(id) FROM acknowledged")) {
            rows.next();
            assertEquals(200, rows.getInt(1), "every committed row survives the crash");
            assertEquals(199, rows.getInt(2));
        }
    }

    private static Connection connect(EmbeddedDatabase database) throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.password(EmbeddedDatabase.SUPERUSER));
    }

    private Map<String, String> settings(boolean keepData) throws Exception {
        PasswordFile passwords = PasswordFile.at(data.resolve("security").resolve(EmbeddedDatabase.PASSWORDS_FILE), "test");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(FreePorts.next(), data.resolve("postgres"), keepData, passwords);
                Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER,
                        database.password(EmbeddedDatabase.SUPERUSER));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")) {
            Map<String, String> settings = new TreeMap<>();
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
            return settings;
        }
    }
}
