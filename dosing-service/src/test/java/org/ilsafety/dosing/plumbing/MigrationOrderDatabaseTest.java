package org.ilsafety.dosing.plumbing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.ilsafety.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The shared migrations (db/common, db/therapy) and the service's own are applied in version order: Flyway runs
 * without out-of-order (which made it warn at every start that migrations "may not be reproducible").
 */
@QuarkusTest
class MigrationOrderDatabaseTest {
    @Inject
    Flyway flyway;

    @Test
    void migrationsAreAppliedInVersionOrderWithoutOutOfOrder() {
        assertFalse(flyway.getConfiguration().isOutOfOrder(), "out-of-order migrations are not allowed");
        List<MigrationInfo> applied = Arrays.asList(flyway.info().applied());
        List<MigrationInfo> byVersion = applied.stream().sorted(Comparator.comparing(MigrationInfo::getVersion)).toList();
        assertEquals(byVersion.stream().map(m -> m.getVersion().toString()).toList(),
                applied.stream().map(m -> m.getVersion().toString()).toList(), "applied (installed rank) order is version order");
        List<String> folders = applied.stream().map(m -> folder(m.getScript())).toList();
        assertEquals("common", folders.get(0));
        List<String> afterTheServices = applied.stream().filter(m -> m.getVersion().getMajor().intValue() >= 4 && m.getVersion().getMajor().intValue() <= 5)
                .map(m -> folder(m.getScript())).toList();
        assertEquals(List.of("common", "common"), afterTheServices,
                "the shared migrations added after the service's own V1 to V3 (V4, V5) sort after them, not out of order: " + folders);
    }

    @Test
    void aRepeatedMigrationRunWarnsAboutNothing() {
        try (LogCapture log = LogCapture.start()) {
            flyway.migrate();
            assertEquals(List.of(), log.lines().stream().filter(line -> line.contains("reproducible") || line.contains("outOfOrder")).toList(),
                    "Flyway's out-of-order warning");
        }
    }

    private static String folder(String script) {
        return script.contains("/") ? script.substring(0, script.lastIndexOf('/')).replaceAll(".*/", "") : "?";
    }
}
