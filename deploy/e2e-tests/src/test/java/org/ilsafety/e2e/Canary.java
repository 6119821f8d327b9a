package org.ilsafety.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.stack.SuiteService;
import org.ilsafety.stack.security.LocalIdentityProvider;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.TestKafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A patient whose name, MRN and birth date are recognisable, sent through every topic the services read
 * and every endpoint they serve, in valid and in broken forms, so that any of them showing up in a log or
 * a dead-letter reason is found.
 */
final class Canary {
    static final String NAME = "Zebulon Canarywick";
    static final String FAMILY = "Canarywick";
    static final String MRN = "MRN-CANARY-48213";
    static final String BIRTH_DATE = "1931-07-14";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningSuite suite;
    private final TestKafka kafka;
    private final LocalIdentityProvider identities;

    Canary(RunningSuite suite, TestKafka kafka, Path securityDirectory) {
        this.suite = suite;
        this.kafka = kafka;
        this.identities = LocalIdentityProvider.inDirectory(securityDirectory);
    }

    void sendThroughEveryTopic() {
        String patient = """
                {"resourceType":"Patient","id":"%s","meta":{"versionId":"1"},
                 "identifier":[{"system":"urn:hospital:mrn","value":"%s"}],
                 "name":[{"family":"%s","given":["Zebulon"],"text":"%s"}],"birthDate":"%s"}
                """.formatted(MRN, MRN, FAMILY, NAME, BIRTH_DATE);
        kafka.send(Topics.PATIENT_EVENTS, MRN, patient);
        kafka.send(Topics.PATIENT_EVENTS, MRN, FhirFixtures.labObservation(MRN, "canary-weight", 1, "29463-7", 64, "kg", null,
                "2026-11-01T08:00:00Z"));
        kafka.send(Topics.PATIENT_EVENTS, MRN, withDisplay(FhirFixtures.medicationRequest(MRN, "canary-mr", 1, "Actemra", "IV", "RA",
                "active", "2026-11-01")));
        kafka.send(Topics.PATIENT_EVENTS, MRN, withDisplay(FhirFixtures.medicationStatement(MRN, "canary-ms", "Humira", "327361",
                "2026-11-02")));
        // broken forms: an unknown unit, a value that is no number, no JSON at all, and a missing resource type
        kafka.send(Topics.PATIENT_EVENTS, MRN, withDisplay(FhirFixtures.labObservation(MRN, "canary-unit", 1, "751-8", 900,
                NAME, null, "2026-11-10T08:00:00Z")));
        kafka.send(Topics.PATIENT_EVENTS, MRN, "{\"resourceType\":\"Observation\",\"id\":\"canary-bad\",\"subject\":{\"reference\":\"Patient/"
                + MRN + "\",\"display\":\"" + NAME + "\"},\"valueQuantity\":{\"value\":\"" + BIRTH_DATE + "\"}}");
        kafka.send(Topics.PATIENT_EVENTS, MRN, "not json: " + NAME + " " + MRN + " born " + BIRTH_DATE);
        kafka.send(Topics.PATIENT_EVENTS, MRN, "{\"name\":\"" + NAME + "\",\"birthDate\":\"" + BIRTH_DATE + "\"}");
        for (String topic : List.of(Topics.THERAPY_PLAN_EVENTS, Topics.MONITORING_EVENTS)) {
            kafka.send(topic, MRN, "{\"patientId\":\"" + MRN + "\",\"name\":\"" + NAME + "\",\"birthDate\":\"" + BIRTH_DATE + "\"");
            kafka.send(topic, MRN, "{\"patientId\":\"" + MRN + "\",\"kind\":\"" + NAME + "\"}");
        }
        kafka.send(Topics.PATIENT_EVENTS, MRN, withDisplay(FhirFixtures.labObservation(MRN, "canary-anc", 1, "751-8", 800, "/uL", null,
                "2026-11-15T08:00:00Z")));
    }

    /** Every operation of every service, with the canary in each path and query parameter and in the body. */
    void callEveryEndpoint() throws Exception {
        String clinician = suite.demoToken("clinician");
        String body = JSON.writeValueAsString(Map.of("patientId", MRN, "name", NAME, "birthDate", BIRTH_DATE,
                "reason", "Spoke with " + NAME + " (" + MRN + "), born " + BIRTH_DATE));
        for (SuiteService service : SuiteService.ALL) {
            JsonNode paths = JSON.readTree(suite.get(service.name(), "/q/openapi?format=json").body()).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!path.getKey().startsWith("/api") && !path.getKey().startsWith("/cds-services")) {
                    continue;
                }
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext();) {
                    String method = methods.next().toUpperCase();
                    if (!List.of("GET", "POST", "PUT", "DELETE").contains(method)) {
                        continue;
                    }
                    String target = path.getKey().replaceAll("\\{[^}]+}", URLEncoder.encode(MRN, StandardCharsets.UTF_8))
                            + "?patientId=" + MRN + "&patient=" + URLEncoder.encode(NAME, StandardCharsets.UTF_8) + "&from=" + BIRTH_DATE;
                    String token = path.getKey().startsWith("/cds-services")
                            ? identities.ehrIssuer().token("local-ehr", suite.url(service.name()) + path.getKey(), List.of(), Duration.ofMinutes(5))
                            : clinician;
                    HttpResponse<String> response = suite.send(service.name(), method, target, "GET".equals(method) ? null : body, token);
                    assertFalse(response.statusCode() >= 500, method + " " + path.getKey() + " answered " + response.statusCode());
                }
            }
        }
        // realistic requests that pass validation and carry the canary where a clinician would type it
        suite.send("interaction-service", "POST", "/api/v1/interaction-checks", """
                {"drug":"tocilizumab","medications":[{"name":"%s"}],"immunizations":[]}
                """.formatted(NAME), clinician);
        suite.send("monitoring-service", "POST", "/api/v1/lab-evaluations", """
                {"drug":"tocilizumab","indication":"RA","route":"IV","context":"MAINTENANCE",
                 "results":[{"code":"751-8","value":800,"unit":"%s"}]}
                """.formatted(NAME), clinician);
        suite.send("dosing-service", "POST", "/api/v1/patients/" + MRN + "/therapy-plan/administrations",
                "{\"administeredAt\":\"2026-11-03T08:00:00Z\",\"doseMg\":256,\"note\":\"" + NAME + "\"}", clinician);
    }

    List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        for (String topic : List.of(Topics.PATIENT_EVENTS, Topics.THERAPY_PLAN_EVENTS, Topics.MONITORING_EVENTS)) {
            kafka.drain(Topics.deadLetter(topic), r -> MRN.equals(r.key()), Duration.ofSeconds(5))
                    .forEach(r -> reasons.add(TestKafka.header(r, DeadLetterHeaders.REASON)));
        }
        return reasons;
    }

    void assertClean(String where, String text) {
        for (String value : List.of(FAMILY, MRN, BIRTH_DATE)) {
            int at = text.indexOf(value);
            assertFalse(at >= 0, where + " contains the canary's " + (value.equals(FAMILY) ? "name" : value.equals(MRN) ? "MRN" : "birth date")
                    + ": ..." + (at < 0 ? "" : text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100))) + "...");
        }
    }

    private static String withDisplay(String resource) {
        return resource.replace("\"subject\":{\"reference\":\"Patient/" + MRN + "\"}",
                "\"subject\":{\"reference\":\"Patient/" + MRN + "\",\"display\":\"" + NAME + "\"}");
    }
}
