package org.ilsafety.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The test tiers show in the names (root README, "Tests"): a class that boots a service against the real broker and
 * database ({@code @QuarkusTest}) ends in {@code FlowTest}, {@code ApiTest} or {@code DatabaseTest}; a plain
 * {@code *Test} runs in memory and boots nothing.
 */
class TestTierNamesTest {
    private static final Pattern SERVICE_TIER = Pattern.compile(".*(FlowTest|ApiTest|DatabaseTest|IT|Benchmark|TestInfrastructure)\\.java");
    private static final Pattern BOOTS_A_SERVICE = Pattern.compile("^@Quarkus(Integration)?Test\\b", Pattern.MULTILINE);

    @Test
    void everyClassThatBootsAServiceSaysSoInItsName() {
        List<String> misnamed = testSources().filter(file -> BOOTS_A_SERVICE.matcher(read(file)).find())
                .filter(file -> !SERVICE_TIER.matcher(file.getFileName().toString()).matches())
                .map(Path::toString).sorted().toList();
        assertEquals(List.of(), misnamed, "@QuarkusTest classes must end in FlowTest, ApiTest or DatabaseTest");
    }

    @Test
    void theCheckSeesTheServicesTests() {
        long booted = testSources().filter(file -> BOOTS_A_SERVICE.matcher(read(file)).find()).count();
        assertTrue(booted > 50, "found only " + booted + " @QuarkusTest classes: the tree was not found");
    }

    private static Stream<Path> testSources() {
        Path root = RepositoryTree.root();
        return RepositoryTree.javaFiles(root).stream().filter(path -> root.relativize(path).toString().contains("src/test/java"));
    }

    private static String read(Path file) {
        return RepositoryTree.read(file);
    }
}
