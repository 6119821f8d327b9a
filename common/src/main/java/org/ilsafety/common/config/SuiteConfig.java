package org.ilsafety.common.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The settings every service shares ({@code suite.*}, defaults in common's {@code microprofile-config.properties}),
 * read in one place. Each service adds its own mapping for its own keys; scheduled jobs read
 * {@code suite.jobs.<job-name>.every} and {@code .delay} through their {@code @Scheduled} expressions.
 * Static-init safe: the JSON limits customize the ObjectMapper, which Quarkus builds during static init.
 */
@StaticInitSafe
@ConfigMapping(prefix = "suite")
public interface SuiteConfig {

    Knowledge knowledge();

    Limits limits();

    RateLimit rateLimit();

    Api api();

    Outbox outbox();

    Pseudonym pseudonym();

    interface Knowledge {
        /** A folder holding the knowledge base's YAML files (a pharmacist's edit applies without a rebuild); else the packaged copy. */
        Optional<String> dir();
    }

    interface Limits {
        @WithDefault("10000")
        int maxStringLength();

        @WithDefault("32")
        int maxNestingDepth();

        @WithDefault("500")
        int maxListItems();
    }

    interface RateLimit {
        int requestsPerMinute();

        int unauthenticatedPerMinute();

        /** {@code suite.rate-limit.per-subject."<subject>"}: a caller that needs another quota than everyone's. */
        Map<String, Integer> perSubject();
    }

    interface Api {
        Duration maxTokenLifetime();

        Duration clockSkew();
    }

    interface Outbox {
        @WithDefault("500")
        int batchSize();

        @WithDefault("PT0.5S")
        Duration pollInterval();
    }

    interface Pseudonym {
        Optional<String> key();
    }
}
