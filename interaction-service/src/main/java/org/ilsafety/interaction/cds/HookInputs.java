package org.ilsafety.interaction.cds;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated hook call: the patient, the draft orders (and which of them are in focus), the prefetched resources,
 * and the prefetch keys the EHR did not satisfy ({@code missing}: absent, or an OperationOutcome for a prefetch
 * that failed; CDS Hooks 2.0 leaves those to the service to fetch). A {@code null} value is "no data": satisfied.
 * {@code missingContext}: the patient-context keys (conditions, allergies) not satisfied, fetched only where the call
 * grants access to its FHIR server.
 */
record HookInputs(String serviceId, String hookInstance, String patientId, JsonNode context, List<MedicationRequest> drafts,
        Set<String> focus, List<Resource> prefetched, List<String> missing, List<String> missingContext) {

    static HookInputs read(String serviceId, String hook, CdsModel.HookRequest request, Fhir fhir) {
        if (request == null) {
            throw ProblemException.badRequest("", "the request body is required");
        }
        if (!hook.equals(request.hook())) {
            throw ProblemException.badRequest("hook", "must be " + hook + " for service " + serviceId);
        }
        if (blank(request.hookInstance())) {
            throw ProblemException.badRequest("hookInstance", "is required");
        }
        JsonNode context = request.context();
        if (context == null || !context.isObject()) {
            throw ProblemException.badRequest("context", "is required and must be an object");
        }
        String patientId = text(context, "patientId");
        if (blank(patientId)) {
            throw ProblemException.badRequest("context.patientId", "is required");
        }
        if (blank(text(context, "userId"))) {
            throw ProblemException.badRequest("context.userId", "is required");
        }
        Bundle draftOrders = bundle(context.get("draftOrders"), "context.draftOrders", fhir);
        List<MedicationRequest> drafts = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : draftOrders.getEntry()) {
            if (entry.getResource() instanceof MedicationRequest request2) {
                drafts.add(request2);
            }
        }
        Set<String> focus;
        if ("order-select".equals(hook)) {
            JsonNode selections = context.get("selections");
            if (selections == null || !selections.isArray() || selections.isEmpty()) {
                throw ProblemException.badRequest("context.selections", "is required: a non-empty list of references to draft orders");
            }
            List<String> refs = new ArrayList<>();
            for (JsonNode selection : selections) {
                if (!selection.isTextual() || blank(selection.asText())) {
                    throw ProblemException.badRequest("context.selections", "must hold references such as MedicationRequest/123");
                }
                refs.add(selection.asText());
            }
            focus = Set.copyOf(refs);
        } else {
            focus = Set.copyOf(drafts.stream().map(HookInputs::ref).toList());
        }
        List<Resource> prefetched = new ArrayList<>();
        List<String> missing = prefetch(request, CdsServiceCatalog.REQUIRED_PREFETCH, prefetched, fhir);
        List<String> missingContext = prefetch(request, CdsServiceCatalog.CONTEXT_PREFETCH, prefetched, fhir);
        return new HookInputs(serviceId, request.hookInstance(), patientId, context, List.copyOf(drafts), focus, List.copyOf(prefetched),
                missing, missingContext);
    }

    /** Reads the keys' prefetch values into {@code prefetched}; the keys not satisfied (absent or an OperationOutcome). */
    private static List<String> prefetch(CdsModel.HookRequest request, List<String> keys, List<Resource> prefetched, Fhir fhir) {
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            JsonNode value = request.prefetch() == null ? null : request.prefetch().get(key);
            if (value != null && value.isNull()) {
                continue; // CDS Hooks 2.0: a null prefetch value means the EHR has no data for it
            }
            if (value == null || (value.isObject() && "OperationOutcome".equals(text(value, "resourceType")))) {
                missing.add(key); // absent, or the EHR could not fetch it
                continue;
            }
            prefetched.addAll(BundleReader.resources(bundle(value, "prefetch." + key, fhir)));
        }
        return List.copyOf(missing);
    }

    /** These inputs with the resources fetched for the missing keys added, read as prefetched ones are. */
    HookInputs withFetched(List<Resource> fetched) {
        List<Resource> all = new ArrayList<>(prefetched);
        all.addAll(fetched);
        return new HookInputs(serviceId, hookInstance, patientId, context, drafts, focus, List.copyOf(all), missing, missingContext);
    }

    static String ref(MedicationRequest request) {
        return "MedicationRequest/" + request.getIdElement().getIdPart();
    }

    private static Bundle bundle(JsonNode node, String field, Fhir fhir) {
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest(field, "is required and must be a FHIR R4 Bundle");
        }
        try {
            return BundleReader.bundle(node.toString(), fhir);
        } catch (BundleReader.Unreadable e) {
            throw ProblemException.badRequest(field + e.where(), e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
