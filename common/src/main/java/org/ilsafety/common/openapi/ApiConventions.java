package org.ilsafety.common.openapi;

import java.util.Set;

/**
 * The conventions every operation of the suite's OpenAPI documents follows, shared by {@link SuiteApiDocument} (which
 * fills in what is common) and the tests that check each document against the services' live answers.
 */
public final class ApiConventions {
    /** Bearer tokens of the hospital identity provider; the scopes of a requirement are the suite roles it grants. */
    public static final String BEARER_SCHEME = "suiteBearer";
    /** CDS Hooks: the EHR's own signed JWT (an allow-listed client), not a token of the suite's identity provider. */
    public static final String EHR_SCHEME = "ehrJwt";
    /** The problem detail schema (RFC 9457) every error answer of the application carries. */
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    /** A FHIR R4 resource (an OperationOutcome for CDS Hooks' 412) rather than a problem. */
    public static final String FHIR_MEDIA_TYPE = "application/fhir+json";
    /**
     * Answered by the HTTP server before any application code runs, without a body: a body over the size limit
     * (413), a request line or headers over theirs (414, 431).
     */
    public static final Set<String> WITHOUT_BODY = Set.of("413", "414", "431");

    private ApiConventions() {
    }
}
