package org.ilsafety.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KafkaClusterIdTest {

    /** One random id in 64 would start with '-' and break "StorageTool format -t <id>"; none may. */
    @Test
    void clusterIdsAreTwentyTwoUrlSafeCharactersNeverStartingWithADash() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            String id = KafkaBroker.clusterId();
            assertEquals(22, id.length());
            assertFalse(id.startsWith("-"), id);
            seen.add(id);
        }
        assertEquals(5_000, seen.size(), "random ids");
    }
}
