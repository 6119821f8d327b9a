package org.ilsafety.common.security;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.ilsafety.common.config.SuiteConfig;
import org.ilsafety.common.audit.RefusedRequests;
import org.ilsafety.common.problem.Problem;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Throttles unauthenticated callers by client address, before any token is checked: each 401 an address
 * earns takes one of {@code suite.rate-limit.unauthenticated-per-minute}; once they are used up, its
 * {@code /api} and {@code /cds-services} requests get 429 with {@code Retry-After} without their token
 * being verified (so a flood of forged tokens costs neither signature checks nor one audit row each).
 * Callers with valid tokens never spend this quota; their own quota is {@link RateLimitFilter}'s.
 */
@Singleton
public class AddressThrottle {
    private final RateLimiter failures = new RateLimiter(System::nanoTime);
    private final int perMinute;
    private final RefusedRequests refused;

    public AddressThrottle(SuiteConfig config, RefusedRequests refused) {
        this.perMinute = config.rateLimit().unauthenticatedPerMinute();
        this.refused = refused;
    }

    void register(@Observes Filters filters) {
        // Higher priority runs first: before authentication reads the token.
        filters.register(this::filter, SecurityHandlerPriorities.AUTHENTICATION + 50);
    }

    void filter(RoutingContext context) {
        String path = context.normalizedPath();
        if (path == null || !(path.startsWith("/api/") || path.startsWith("/cds-services"))) {
            context.next();
            return;
        }
        String address = context.request().remoteAddress() == null ? "unknown" : context.request().remoteAddress().hostAddress();
        long retryAfter = failures.peek(address, perMinute);
        if (retryAfter > 0) {
            refused.count(context.request().method().name() + " (not routed)", "HTTP 429", null);
            Problem problem = Problem.of(429, "Too many requests",
                    "Too many unauthenticated requests from this address; retry after " + retryAfter + " s", null);
            context.response().setStatusCode(429).putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end(io.vertx.core.json.Json.encode(problem));
            return;
        }
        context.addHeadersEndHandler(ignored -> {
            if (context.response().getStatusCode() == 401) {
                failures.acquire(address, perMinute);
            }
        });
        context.next();
    }

    /** For tests: whether {@code address} is throttled now. */
    public boolean throttled(String address) {
        return failures.peek(address, perMinute) > 0;
    }
}
