package org.ilsafety.console;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the three services answer, how the local demo sign-in finds its tokens, how often live views poll. */
@ConfigMapping(prefix = "suite.console")
public interface ConsoleSettings {
    String dosingUrl();

    String monitoringUrl();

    String interactionUrl();

    /** The run command's {@code demo-tokens.env}; absent: no demo sign-in (a hospital signs in through OIDC). */
    Optional<String> demoTokensFile();

    /** Where the roles are in an access token (a path such as {@code realm_access/roles}); default {@code groups}. */
    @WithDefault("groups")
    String rolesClaim();

    /** How often the live worklist asks monitoring-service for changes. */
    @WithDefault("PT2S")
    Duration pollInterval();
}
