package org.ilsafety.interaction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * interaction-service's own settings ({@code interaction.*}). The shared ones are common's {@code SuiteConfig}
 * ({@code suite.knowledge.dir}, limits, ...); the CDS Hooks ones, shared with the deployment manifests and the local
 * identity provider, are {@link org.ilsafety.interaction.cds.client.CdsHooksSettings} ({@code suite.cds-hooks.*});
 * the scheduled jobs read {@code suite.jobs.<name>.*} in their {@code @Scheduled} expressions.
 */
@ConfigMapping(prefix = "interaction")
public interface InteractionConfig {
    /** The hospital's time zone: what "today" is for exposure windows and vaccination dates. */
    @WithDefault("UTC")
    String zone();
}
