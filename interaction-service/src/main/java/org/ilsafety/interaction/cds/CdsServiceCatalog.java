package org.ilsafety.interaction.cds;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

/** The CDS services this service offers, as answered by discovery ({@code GET /cds-services}). */
@ApplicationScoped
public class CdsServiceCatalog {
    public static final String ORDER_SELECT = "il-interactions-order-select";
    public static final String ORDER_SIGN = "il-interactions-order-sign";
    static final String MEDICATIONS = "medications";
    static final String IMMUNIZATIONS = "immunizations";
    /**
     * The prefetch keys the check needs. A null value means the EHR has no data; an absent key or an OperationOutcome
     * is fetched from {@code fhirServer} with the same query, or answered 412 when nothing can be fetched.
     */
    public static final List<String> REQUIRED_PREFETCH = List.of(MEDICATIONS, IMMUNIZATIONS);
    static final String CONDITIONS = "conditions";
    static final String ALLERGIES = "allergies";
    /**
     * The patient context (issue 19): Conditions and AllergyIntolerances the EHR may send beside those recorded from
     * patient-events. Read when sent (null: no data); an absent key is fetched from {@code fhirServer} when the call grants
     * access to it, and a failed fetch is an incomplete check; without access, never a 412: the conditions recorded from
     * patient-events stand.
     */
    public static final List<String> CONTEXT_PREFETCH = List.of(CONDITIONS, ALLERGIES);
    static final Map<String, String> PREFETCH = Map.of(
            MEDICATIONS, "MedicationStatement?patient={{context.patientId}}&status=active",
            IMMUNIZATIONS, "Immunization?patient={{context.patientId}}",
            CONDITIONS, "Condition?patient={{context.patientId}}",
            ALLERGIES, "AllergyIntolerance?patient={{context.patientId}}");
    private static final Pattern TOKEN = Pattern.compile("\\{\\{([^}]*)}}");
    private static final String USAGE = "Prefetch medications and immunizations, and the patient's conditions and allergies. A key the EHR does "
            + "not send, or sends as an OperationOutcome, is fetched from fhirServer with fhirAuthorization's access token (https, or a server "
            + "configured for the EHR); when it cannot be fetched the card says the check is incomplete. No fhirServer or token: 412 for "
            + "medications and immunizations; conditions and allergies are then those the suite recorded from the patient's events.";

    private final List<CdsModel.Service> services = List.of(
            new CdsModel.Service("order-select", ORDER_SELECT, "Interleukin-blocker interaction check (order select)",
                    "Checks the selected draft MedicationRequests against the patient's tocilizumab or anakinra therapy: biologic DMARDs, "
                            + "live vaccines within the exposure window, hormonal contraceptives, CYP450 substrates, GI perforation risk, "
                            + "duplicate products.",
                    PREFETCH, USAGE),
            new CdsModel.Service("order-sign", ORDER_SIGN, "Interleukin-blocker interaction check (order sign)",
                    "Checks every draft MedicationRequest about to be signed against the patient's tocilizumab or anakinra therapy.",
                    PREFETCH, USAGE));

    public CdsModel.Discovery discovery() {
        return new CdsModel.Discovery(services);
    }

    public Optional<CdsModel.Service> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * The FHIR query of a prefetch key for a hook call, relative to {@code fhirServer}: its template with each
     * {@code {{context.<field>}}} replaced by that root-level context value, URL-encoded. Empty when the context
     * lacks a value the template needs.
     */
    static Optional<String> query(String key, JsonNode context) {
        Matcher tokens = TOKEN.matcher(PREFETCH.get(key));
        StringBuilder query = new StringBuilder();
        while (tokens.find()) {
            String token = tokens.group(1).trim();
            JsonNode value = token.startsWith("context.") ? context.get(token.substring("context.".length())) : null;
            if (value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                return Optional.empty();
            }
            tokens.appendReplacement(query, Matcher.quoteReplacement(URLEncoder.encode(value.asText(), StandardCharsets.UTF_8)));
        }
        tokens.appendTail(query);
        return Optional.of(query.toString());
    }
}
