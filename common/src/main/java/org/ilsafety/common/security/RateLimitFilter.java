package org.ilsafety.common.security;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ilsafety.common.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Answers 429 with {@code Retry-After} when an authenticated caller exceeds its quota. */
@Singleton
public class RateLimitFilter {
    private final RateLimiter limiter = new RateLimiter(System::nanoTime);
    private final RateLimitQuotas quotas;
    private final CurrentCaller caller;

    public RateLimitFilter(RateLimitQuotas quotas, CurrentCaller caller) {
        this.quotas = quotas;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public Response limit(UriInfo uri) {
        Caller current = caller.get();
        if (current.anonymous()) {
            return null;
        }
        long retryAfter = limiter.acquire(current.subject(), quotas.of(current.subject()));
        if (retryAfter == 0) {
            return null;
        }
        Problem problem = Problem.of(429, "Too many requests",
                "The request quota of this caller is used up; retry after " + retryAfter + " s", uri.getPath());
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.RETRY_AFTER, retryAfter).build();
    }
}
