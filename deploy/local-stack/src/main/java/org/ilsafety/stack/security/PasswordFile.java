package org.ilsafety.stack.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * Generated secrets of the local suite, one per name, kept in a properties file readable by its owner
 * only (0600) so a kept broker or database keeps accepting them. A name without a secret gets a random
 * one (24 bytes, URL-safe base64) the first time it is asked for.
 */
public final class PasswordFile {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String comment;
    private final Properties passwords = new Properties();

    private PasswordFile(Path file, String comment) {
        this.file = file;
        this.comment = comment;
    }

    public static PasswordFile at(Path file, String comment) {
        PasswordFile passwords = new PasswordFile(file, comment);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    passwords.passwords.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return passwords;
    }

    /** The secret of {@code name}, generated and stored if there is none yet. */
    public synchronized String password(String name) {
        String password = passwords.getProperty(name);
        if (password == null) {
            password = random();
            passwords.setProperty(name, password);
            writeOwnerOnly(file, writer -> passwords.store(writer, comment));
        }
        return password;
    }

    public Path file() {
        return file;
    }

    public static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public interface Content {
        void write(Writer writer) throws IOException;
    }

    /** Writes a secret: the file is created readable and writable by its owner only (0600). */
    public static void writeOwnerOnly(Path file, Content content) {
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                content.write(writer);
            }
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
