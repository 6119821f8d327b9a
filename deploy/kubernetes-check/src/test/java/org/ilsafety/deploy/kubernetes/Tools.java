package org.ilsafety.deploy.kubernetes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finding and running the command-line tools the check uses (kustomize, npm, node). */
final class Tools {
    private Tools() {
    }

    static Optional<Path> onPath(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** kustomize itself, or the one built into kubectl ({@code kubectl kustomize}). */
    static Optional<List<String>> kustomizeBuild() {
        return onPath("kustomize").map(kustomize -> List.of(kustomize.toString(), "build"))
                .or(() -> onPath("kubectl").map(kubectl -> List.of(kubectl.toString(), "kustomize")));
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path directory, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 5 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String runOrFail(Path directory, String... command) {
        Result result = run(directory, new ArrayList<>(List.of(command)));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }
}
