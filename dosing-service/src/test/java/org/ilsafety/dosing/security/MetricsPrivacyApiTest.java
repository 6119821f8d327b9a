package org.ilsafety.dosing.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** /q/metrics labels requests refused before routing (431, 400) with uri="UNKNOWN", never their raw path. */
@QuarkusTest
class MetricsPrivacyApiTest {
    private static final String PATIENT = "MRN-4711-METRICS";

    @Test
    void requestsRefusedBeforeRoutingLeaveNoPatientIdInTheUriLabel() throws IOException {
        String tooLarge = raw("GET /api/v1/patients/" + PATIENT + "/therapy-plan HTTP/1.1\r\nHost: localhost\r\nX-Filler: "
                + "x".repeat(40_000) + "\r\nConnection: close\r\n\r\n");
        assertTrue(tooLarge.startsWith("HTTP/1.1 431"), tooLarge.lines().findFirst().orElse(""));
        String malformed = raw("GET /api/v1/patients/" + PATIENT + "-b/therapy-plan HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed.lines().findFirst().orElse(""));

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(PATIENT), "no raw patient id in any label");
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count") && line.contains("status=\"431\"")
                && line.contains("uri=\"UNKNOWN\"")), "the refusal is still counted, under UNKNOWN");
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
