package org.ilsafety.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The run command's demo tokens ({@code ROLE_TOKEN=...} lines), one per role, read at sign-in. */
@ApplicationScoped
public class DemoTokens {
    public static final List<String> ROLES = List.of("clinician", "pharmacist", "dashboard", "integration");

    private final Optional<Path> file;

    public DemoTokens(ConsoleSettings settings) {
        this.file = settings.demoTokensFile().filter(f -> !f.isBlank()).map(Path::of);
    }

    public boolean enabled() {
        return file.isPresent();
    }

    public Optional<String> token(String role) {
        if (file.isEmpty() || !ROLES.contains(role)) {
            return Optional.empty();
        }
        try {
            Map<String, String> tokens = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file.get())) {
                int equals = line.indexOf('=');
                if (!line.startsWith("#") && equals > 0) {
                    tokens.put(line.substring(0, equals), line.substring(equals + 1).trim());
                }
            }
            return Optional.ofNullable(tokens.get(role.toUpperCase() + "_TOKEN"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
