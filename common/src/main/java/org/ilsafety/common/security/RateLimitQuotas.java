package org.ilsafety.common.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-caller request quota: {@code suite.rate-limit.requests-per-minute} for every caller (token subject),
 * {@code suite.rate-limit.per-subject."<subject>"} for a caller that needs another quota (the integration
 * bus usually needs more than a person).
 */
@Singleton
public class RateLimitQuotas {
    private final int perMinute;
    private final Config config;
    private final Map<String, Integer> quotas = new ConcurrentHashMap<>();

    public RateLimitQuotas(@ConfigProperty(name = "suite.rate-limit.requests-per-minute") int perMinute, Config config) {
        this.perMinute = perMinute;
        this.config = config;
    }

    public int of(String subject) {
        return quotas.computeIfAbsent(subject, s -> config
                .getOptionalValue("suite.rate-limit.per-subject.\"" + s + "\"", Integer.class).orElse(perMinute));
    }
}
