package org.ilsafety.common.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.ilsafety.common.util.Digests;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads knowledge-base YAML from {@code seeds/knowledge}: from the directory named by
 * {@code suite.knowledge.dir} when set (so a pharmacist's edit applies without a rebuild), else from
 * the copy packaged on the classpath under {@code knowledge/}. Every file declares
 * {@code knowledgeVersion}; unknown fields are errors, so a typo in the data fails loudly at start.
 */
public final class KnowledgeLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private KnowledgeLoader() {
    }

    public static <T> Knowledge<T> load(Optional<String> directory, String relativePath, Class<T> type) {
        byte[] bytes;
        String location;
        if (directory.isPresent() && Files.isRegularFile(Path.of(directory.get(), relativePath))) {
            Path file = Path.of(directory.get(), relativePath);
            location = file.toAbsolutePath().toString();
            bytes = readFile(file);
        } else {
            location = "classpath:knowledge/" + relativePath;
            bytes = readClasspath("knowledge/" + relativePath);
        }
        try {
            JsonNode tree = YAML.readTree(bytes);
            JsonNode version = tree.get("knowledgeVersion");
            if (version == null || version.asText().isBlank()) {
                throw new IllegalStateException("Knowledge file " + location + " declares no knowledgeVersion");
            }
            T content = YAML.treeToValue(tree, type);
            return new Knowledge<>(content, relativePath, version.asText(), Digests.sha256Hex(bytes), location);
        } catch (IOException e) {
            throw new IllegalStateException("Knowledge file " + location + " is not valid: " + e.getMessage(), e);
        }
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readClasspath(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Knowledge file not found on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
