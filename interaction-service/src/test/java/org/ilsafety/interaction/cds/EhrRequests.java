package org.ilsafety.interaction.cds;

import org.ilsafety.testsupport.TestTokens;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * CDS Hooks requests as the trusted local EHR sends them: each carries a fresh one-time token whose
 * {@code aud} is the URL of the CDS service called, under the base URL the tests configure
 * ({@code %test.suite.cds-hooks.base-url}).
 */
public final class EhrRequests {
    public static final String BASE_URL = "https://cds.test/cds-services";
    private static final String PATH_PREFIX = "/cds-services";

    private EhrRequests() {
    }

    /** A request with a fresh EHR token for {@code path} ({@code /cds-services}, {@code /cds-services/<id>[/feedback]}). */
    public static RequestSpecification given(String path) {
        return RestAssured.given().header("Authorization", bearer(path));
    }

    public static String bearer(String path) {
        return "Bearer " + TestTokens.ehr(audience(path));
    }

    /** The {@code aud} an EHR puts in its token for a call to {@code path}: the service's URL. */
    public static String audience(String path) {
        String decoded = java.net.URI.create("http://service" + path).getPath();
        String rest = decoded.startsWith(PATH_PREFIX) ? decoded.substring(PATH_PREFIX.length()) : decoded;
        return BASE_URL + rest.replaceFirst("/feedback$", "").replaceFirst("/$", "");
    }
}
