package org.ilsafety.interaction.cds.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.everyItem;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.ilsafety.interaction.cds.CdsServiceCatalog;
import org.ilsafety.interaction.cds.EhrRequests;
import org.ilsafety.interaction.cds.TestEcEhr;
import org.ilsafety.stack.security.LocalIdentityProvider;
import org.ilsafety.stack.security.SigningKeys;
import org.ilsafety.stack.security.TokenIssuer;
import org.ilsafety.testsupport.DefaultTestCaller;
import org.ilsafety.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * CDS Hooks 2.0 "Trusting CDS Clients": every /cds-services request needs a JWT of an allow-listed EHR
 * whose aud is the called service's URL, unexpired, with iat, a short lifetime and a jti never used before.
 */
@QuarkusTest
class CdsClientAuthenticationApiTest {
    static final String DISCOVERY = "/cds-services";
    static final String SIGN = "/cds-services/" + CdsServiceCatalog.ORDER_SIGN;
    static final String FEEDBACK = SIGN + "/feedback";
    static final String SIGN_URL = EhrRequests.BASE_URL + "/" + CdsServiceCatalog.ORDER_SIGN;
    static final String EMPTY_SIGN = """
            {"hookInstance":"%s","hook":"order-sign","context":{"userId":"Practitioner/1","patientId":"p-auth",
             "draftOrders":{"resourceType":"Bundle","type":"collection"}},
             "prefetch":{"medications":{"resourceType":"Bundle","type":"collection"},"immunizations":{"resourceType":"Bundle","type":"collection"}}}
            """;

    @Inject
    TokenReplayGuard replays;

    /** A complete, valid EHR claim set for the service at {@code audience}. */
    static Map<String, Object> claims(Object audience) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", TestTokens.ehrIssuer());
        claims.put("sub", "local-ehr");
        claims.put("aud", audience);
        claims.put("iat", now);
        claims.put("exp", now + 300);
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    static String signed(Function<Map<String, Object>, Map<String, Object>> change) {
        return TestTokens.ehrSigned(change.apply(claims(SIGN_URL)));
    }

    static Map<String, Object> without(Map<String, Object> claims, String name) {
        claims.remove(name);
        return claims;
    }

    static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        claims.put(name, value);
        return claims;
    }

    static Stream<Arguments> refusedTokens() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("no token", null, "no bearer token"),
                Arguments.of("not a bearer token", "Basic dXNlcjpwYXNz", "no bearer token"),
                Arguments.of("not a JWT", "Bearer abc.def", "not a well-formed JWT"),
                Arguments.of("the suite's own token (not an EHR)", TestTokens.bearer("someone", TestTokens.ALL_ROLES), "issuer not on the allow-list"),
                Arguments.of("unknown issuer", "Bearer " + new TokenIssuer(SigningKeys.generate().getPrivate(), "urn:example:unknown-ehr")
                        .token("other-ehr", SIGN_URL, List.of(), Duration.ofMinutes(5)), "issuer not on the allow-list"),
                Arguments.of("allow-listed issuer, wrong key", "Bearer " + new TokenIssuer(SigningKeys.generate().getPrivate(),
                        LocalIdentityProvider.EHR_ISSUER).token("local-ehr", SIGN_URL, List.of(), Duration.ofMinutes(5)),
                        "signature does not verify"),
                Arguments.of("no signature (alg none)", "Bearer " + unsigned(claims(SIGN_URL)), "algorithm not accepted"),
                Arguments.of("aud of another service", "Bearer " + TestTokens.ehr(EhrRequests.BASE_URL + "/il-interactions-order-select"),
                        "aud is not the URL of the CDS service called"),
                Arguments.of("aud of the discovery endpoint", "Bearer " + TestTokens.ehr(EhrRequests.BASE_URL), "aud is not the URL"),
                Arguments.of("aud of the suite's API", "Bearer " + TestTokens.ehr(LocalIdentityProvider.AUDIENCE), "aud is not the URL"),
                Arguments.of("aud missing", "Bearer " + signed(c -> without(c, "aud")), "aud missing"),
                Arguments.of("expired", "Bearer " + signed(c -> with(with(c, "iat", now - 400), "exp", now - 100)), "token expired"),
                Arguments.of("exp missing", "Bearer " + signed(c -> without(c, "exp")), "exp missing"),
                Arguments.of("exp not a number", "Bearer " + signed(c -> with(c, "exp", "tomorrow")), "exp is not a number"),
                Arguments.of("iat missing", "Bearer " + signed(c -> without(c, "iat")), "iat missing"),
                Arguments.of("iat in the future", "Bearer " + signed(c -> with(with(c, "iat", now + 600), "exp", now + 700)), "iat is in the future"),
                Arguments.of("lifetime of an hour", "Bearer " + signed(c -> with(c, "exp", now + 3600)), "lifetime (exp - iat) longer than the 300 s"),
                Arguments.of("lifetime too long though issued long ago", "Bearer " + signed(c -> with(with(c, "iat", now - 3000), "exp", now + 200)),
                        "lifetime"),
                Arguments.of("jti missing", "Bearer " + signed(c -> without(c, "jti")), "jti missing"),
                Arguments.of("jti empty", "Bearer " + signed(c -> with(c, "jti", "")), "jti missing"),
                Arguments.of("iss missing", "Bearer " + signed(c -> without(c, "iss")), "iss missing"));
    }

    private static String unsigned(Map<String, Object> claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new io.vertx.core.json.JsonObject(claims).encode();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + b64.encodeToString(payload.getBytes()) + ".";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusedTokensAre401NamingTheCheck(String why, String authorization, String reason) {
        Response response = given().header("Authorization", authorization == null ? DefaultTestCaller.ANONYMOUS : authorization)
                .contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(UUID.randomUUID())).post(SIGN);
        response.then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("detail", containsString(reason));
        if (authorization != null && authorization.length() > 20) {
            // Never echoes the token (nor its signature part).
            String token = authorization.substring(authorization.indexOf(' ') + 1);
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertThat(response.asString()).doesNotContain(token);
            if (!signature.isEmpty()) {
                assertThat(response.asString()).doesNotContain(signature);
            }
        }
    }

    @Test
    void everyEndpointRefusesARequestWithoutAValidEhrToken() {
        for (String path : List.of(DISCOVERY, SIGN, FEEDBACK, "/cds-services/no-such-service")) {
            var request = given().header("Authorization", TestTokens.bearer("someone", TestTokens.ALL_ROLES)).contentType(ContentType.JSON);
            (path.equals(DISCOVERY) ? request.get(path) : request.body("{}").post(path)).then()
                    .statusCode(401).header("WWW-Authenticate", "Bearer");
            request = given().header("Authorization", DefaultTestCaller.ANONYMOUS).contentType(ContentType.JSON);
            (path.equals(DISCOVERY) ? request.get(path) : request.body("{}").post(path)).then().statusCode(401);
        }
    }

    @Test
    void aValidTokenOpensDiscoveryTheServiceAndFeedback() {
        EhrRequests.given(DISCOVERY).get(DISCOVERY).then().statusCode(200).body("services.id", hasItem(CdsServiceCatalog.ORDER_SIGN));
        EhrRequests.given(SIGN).contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(UUID.randomUUID())).post(SIGN).then().statusCode(200);
        // Past authentication: the feedback itself is checked (an empty list is a 400, not a 401).
        EhrRequests.given(FEEDBACK).contentType(ContentType.JSON).body("{\"feedback\":[]}").post(FEEDBACK).then()
                .statusCode(400).body("errors.field", hasItem("feedback"));
        // The feedback endpoint's own URL is its aud too.
        given().header("Authorization", "Bearer " + TestTokens.ehr(SIGN_URL + "/feedback")).contentType(ContentType.JSON)
                .body("{\"feedback\":[]}").post(FEEDBACK).then().statusCode(400);
    }

    @Test
    void anotherAllowListedEhrSigningEs256IsAcceptedUnderItsOwnName() {
        String hookInstance = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer " + TestEcEhr.token(SIGN_URL)).contentType(ContentType.JSON)
                .body(EMPTY_SIGN.formatted(hookInstance)).post(SIGN).then().statusCode(200);
        given().header("Authorization", "Bearer " + TestEcEhr.token(EhrRequests.BASE_URL)).get(DISCOVERY).then().statusCode(200);
        given().queryParam("subject", TestEcEhr.ISSUER + "|test-ec-ehr").get("/api/v1/audit-events").then().statusCode(200)
                .body("entries.action", hasItem("GET /cds-services"));
    }

    @Test
    void audMayBeAListAndSubMayBeAbsent() {
        given().header("Authorization", "Bearer " + TestTokens.ehrSigned(claims(List.of("https://elsewhere.example/x", SIGN_URL))))
                .contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(UUID.randomUUID())).post(SIGN).then().statusCode(200);
        given().header("Authorization", "Bearer " + signed(c -> without(c, "sub")))
                .contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(UUID.randomUUID())).post(SIGN).then().statusCode(200);
    }

    @Test
    void aTokenIsGoodForOneCallOnly() {
        String token = "Bearer " + TestTokens.ehr(SIGN_URL);
        given().header("Authorization", token).contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(UUID.randomUUID())).post(SIGN)
                .then().statusCode(200);
        given().header("Authorization", token).contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(UUID.randomUUID())).post(SIGN)
                .then().statusCode(401).header("WWW-Authenticate", "Bearer").body("detail", containsString("jti already used"));
    }

    @Test
    void usedIdsLiveInTheDatabaseUntilTheyExpireThenThePurgeDropsThem() {
        String jti = "purge-" + UUID.randomUUID();
        assertThat(replays.firstUse(TestTokens.ehrIssuer(), jti, Instant.now().minusSeconds(5))).isTrue();
        // Another guard over the same database (another replica, or after a restart) sees it as used.
        assertThat(new TokenReplayGuard(io.quarkus.arc.Arc.container().instance(javax.sql.DataSource.class).get())
                .firstUse(TestTokens.ehrIssuer(), jti, Instant.now().plusSeconds(60))).isFalse();
        String kept = "kept-" + UUID.randomUUID();
        assertThat(replays.firstUse(TestTokens.ehrIssuer(), kept, Instant.now().plusSeconds(300))).isTrue();
        assertThat(replays.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(replays.firstUse(TestTokens.ehrIssuer(), jti, Instant.now().plusSeconds(60))).as("purged, so new again").isTrue();
        assertThat(replays.firstUse(TestTokens.ehrIssuer(), kept, Instant.now().plusSeconds(300))).as("not expired, kept").isFalse();
    }

    @Test
    void theAuditTrailNamesTheEhr() {
        String hookInstance = UUID.randomUUID().toString();
        EhrRequests.given(SIGN).contentType(ContentType.JSON).body(EMPTY_SIGN.formatted(hookInstance)).post(SIGN).then().statusCode(200);
        given().queryParam("subject", TestTokens.ehrIssuer() + "|local-ehr").queryParam("size", 200)
                .get("/api/v1/audit-events").then().statusCode(200)
                .body("entries.action", hasItem("POST /cds-services/{serviceId}"))
                .body("entries.roles", hasItem("integration"))
                .body("entries.subject", everyItem(equalTo(TestTokens.ehrIssuer() + "|local-ehr")));
    }
}
