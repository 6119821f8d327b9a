package org.ilsafety.stack.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Prints a one-time CDS Hooks token of the local EHR for one service call (the services refuse a
 * {@code jti} twice, so every call needs a fresh one). Arguments: the CDS service's URL (the token's
 * {@code aud}) and optionally the data folder (default {@code .suite-data}).
 */
public final class EhrToken {
    private EhrToken() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: EhrToken <cds-service-url> [data-folder]");
            System.exit(2);
        }
        Path data = Path.of(args.length == 2 ? args[1] : ".suite-data");
        LocalIdentityProvider provider = LocalIdentityProvider.inDirectory(data.resolve("security"));
        System.out.println(provider.ehrIssuer().token("local-ehr", args[0], List.of(), Duration.ofMinutes(5)));
    }
}
