package org.ilsafety.common.security;

import jakarta.inject.Singleton;
import org.ilsafety.common.config.SuiteConfig;


/**
 * Per-caller request quota: {@code suite.rate-limit.requests-per-minute} for every caller (token subject),
 * {@code suite.rate-limit.per-subject."<subject>"} for a caller that needs another quota (the integration
 * bus usually needs more than a person).
 */
@Singleton
public class RateLimitQuotas {
    private final SuiteConfig.RateLimit limits;

    public RateLimitQuotas(SuiteConfig config) {
        this.limits = config.rateLimit();
    }

    public int of(String subject) {
        return limits.perSubject().getOrDefault(subject, limits.requestsPerMinute());
    }
}
