package org.ilsafety.testsupport;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Gives every RestAssured call of a {@code @QuarkusTest} a valid token holding every role, unless the
 * test sets its own {@code Authorization} header; the header value {@link #ANONYMOUS} sends none. Tests
 * of authentication and roles set theirs with {@link TestTokens}.
 */
public class DefaultTestCaller implements QuarkusTestBeforeEachCallback {
    /** {@code header("Authorization", ANONYMOUS)}: send the request without any token. */
    public static final String ANONYMOUS = "anonymous";
    private static final Filter FILTER = new BearerFilter();

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(FILTER)) {
            RestAssured.filters(FILTER);
        }
    }

    private static final class BearerFilter implements Filter {
        private volatile String token;
        private volatile long issuedAt;

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
            String current = request.getHeaders().getValue("Authorization");
            if (ANONYMOUS.equals(current)) {
                request.removeHeader("Authorization");
            } else if (current == null) {
                request.header("Authorization", "Bearer " + token());
            }
            return context.next(request, response);
        }

        /** One token reused for ten minutes: signing per request would dominate fast tests. */
        private String token() {
            long now = System.currentTimeMillis();
            if (token == null || now - issuedAt > 600_000) {
                token = TestTokens.token(TestTokens.DEFAULT_SUBJECT, TestTokens.ALL_ROLES);
                issuedAt = now;
            }
            return token;
        }
    }
}
