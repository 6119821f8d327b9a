package org.ilsafety.stack.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the hospital's identity provider and EHR on one machine: one signing key pair (kept in
 * {@code <data>/security/}) whose public key the services trust, for the suite's issuer and for the local
 * EHR's CDS Hooks calls. A hospital replaces it with its own provider's issuer and keys (README,
 * "Identity provider").
 */
public final class LocalIdentityProvider {
    /** {@code iss} of the suite's tokens. */
    public static final String ISSUER = "urn:ilsafety:local-identity-provider";
    /** {@code aud} every service expects. */
    public static final String AUDIENCE = "il-safety-suite";
    /** {@code iss} of the local EHR's CDS Hooks tokens. */
    public static final String EHR_ISSUER = "urn:ilsafety:local-ehr";
    public static final List<String> ROLES = List.of("clinician", "pharmacist", "integration", "dashboard");
    public static final String DEMO_TOKENS_FILE = "demo-tokens.env";

    private final SigningKeys keys;
    private final Path directory;

    private LocalIdentityProvider(SigningKeys keys, Path directory) {
        this.keys = keys;
        this.directory = directory;
    }

    public static LocalIdentityProvider inDirectory(Path directory) {
        return new LocalIdentityProvider(SigningKeys.inDirectory(directory), directory);
    }

    public TokenIssuer suiteIssuer() {
        return new TokenIssuer(keys.privateKey(), ISSUER);
    }

    public TokenIssuer ehrIssuer() {
        return new TokenIssuer(keys.privateKey(), EHR_ISSUER);
    }

    public SigningKeys keys() {
        return keys;
    }

    /** What a service needs to verify this provider's tokens and the local EHR's CDS Hooks tokens. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        String publicKey = keys.publicKeyFile().toAbsolutePath().toString();
        config.put("mp.jwt.verify.publickey.location", publicKey);
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("mp.jwt.verify.audiences", AUDIENCE);
        // the client's name has no dash: the run command passes this as environment variables, and
        // SUITE_CDS_HOOKS_CLIENTS_LOCAL_EHR_ISSUER could not say where the name ends
        config.put("suite.cds-hooks.clients.local.issuer", EHR_ISSUER);
        config.put("suite.cds-hooks.clients.local.public-key-location", publicKey);
        return config;
    }

    /**
     * Writes one token per role to {@code demo-tokens.env} (shell syntax, readable by the owner only)
     * and returns the file.
     */
    public Path writeDemoTokens(Duration lifetime) {
        Instant expires = Instant.now().plus(lifetime);
        StringBuilder file = new StringBuilder("# Demo bearer tokens for the local suite, one per role, valid until " + expires
                + ".\n# Signed by the local stand-in identity provider; never use them outside this machine.\n"
                + "# Use: source this file, then curl -H \"Authorization: Bearer $CLINICIAN_TOKEN\" ...\n");
        TokenIssuer issuer = suiteIssuer();
        for (String role : ROLES) {
            file.append(role.toUpperCase()).append("_TOKEN=")
                    .append(issuer.token("demo-" + role, AUDIENCE, List.of(role), Instant.now(), expires)).append('\n');
        }
        Path target = directory.resolve(DEMO_TOKENS_FILE);
        try {
            Files.deleteIfExists(target);
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(target, file);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
