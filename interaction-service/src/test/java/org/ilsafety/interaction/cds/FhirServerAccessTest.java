package org.ilsafety.interaction.cds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.ilsafety.common.problem.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Which fhirServer the EHR's access token may be sent to, and which next links stay under it. */
class FhirServerAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> MISSING = List.of("medications");

    static CdsModel.HookRequest request(String server) {
        ObjectNode authorization = JSON.createObjectNode().put("access_token", "abc").put("token_type", "bearer");
        return new CdsModel.HookRequest("order-sign", "h", server, authorization, JSON.createObjectNode(), null);
    }

    @ParameterizedTest(name = "{0} allow-list [{1}] loopback-http {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "https://ehr.hospital.test/fhir       |                                  | false | sent",
            "https://ehr.hospital.test/fhir/      |                                  | false | sent",
            "http://ehr.hospital.test/fhir        |                                  | false | not https",
            "http://127.0.0.1:8080/fhir           |                                  | false | not https",
            "http://127.0.0.1:8080/fhir           |                                  | true  | sent",
            "http://localhost:8080/fhir           |                                  | true  | sent",
            "http://[::1]:8080/fhir               |                                  | true  | sent",
            "http://127.example.test/fhir         |                                  | true  | not https",
            "http://fhir.internal.test:8080/r4    | http://fhir.internal.test:8080/r4/ | false | sent",
            "https://other.hospital.test/fhir     | https://ehr.hospital.test/fhir   | false | not one of the FHIR servers",
            "http://127.0.0.1:8080/fhir           | https://ehr.hospital.test/fhir   | true  | not one of the FHIR servers",
            "HTTPS://EHR.hospital.test:443/fhir   | https://ehr.hospital.test/fhir   | false | sent",
    })
    void theTokenGoesOnlyToAnHttpsOrConfiguredServer(String server, String allowed, boolean loopback, String expected) {
        Optional<List<String>> allowList = Optional.ofNullable(allowed).map(List::of);
        if (expected.equals("sent")) {
            FhirServerAccess access = FhirServerAccess.of(request(server), MISSING, allowList, loopback);
            assertThat(access.accessToken()).isEqualTo("abc");
            assertThat(access.query("Immunization?patient=1").toString()).endsWith("/Immunization?patient=1").doesNotContain("//Immunization");
        } else {
            assertThatThrownBy(() -> FhirServerAccess.of(request(server), MISSING, allowList, loopback)).isInstanceOf(PrefetchMissing.class)
                    .hasMessageContaining(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ftp://ehr.hospital.test/fhir", "https://user:pw@ehr.hospital.test/fhir", "https://ehr.hospital.test/fhir?x=1",
            "/fhir", "not a url",
    })
    void aMalformedFhirServerIs400(String server) {
        assertThatThrownBy(() -> FhirServerAccess.of(request(server), MISSING, Optional.empty(), true)).isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "https://ehr.hospital.test/fhir?_getpages=abc, true",
            "https://ehr.hospital.test/fhir/MedicationStatement?_page=2, true",
            "https://ehr.hospital.test:443/fhir?_getpages=abc, true",
            "https://ehr.hospital.test/fhirx?_getpages=abc, false",
            "https://ehr.hospital.test/other/fhir?_getpages=abc, false",
            "http://ehr.hospital.test/fhir?_getpages=abc, false",
            "https://attacker.test/fhir?_getpages=abc, false",
            "https://ehr.hospital.test:8443/fhir?_getpages=abc, false",
            "https://u@ehr.hospital.test/fhir?_getpages=abc, false",
    })
    void nextLinksMustStayUnderTheBase(String next, boolean followed) {
        FhirServerAccess access = FhirServerAccess.of(request("https://ehr.hospital.test/fhir"), MISSING, Optional.empty(), false);
        assertThat(access.contains(URI.create(next))).isEqualTo(followed);
    }
}
