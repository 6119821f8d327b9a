package org.ilsafety.common.fhir;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * Maps every form of patient reference to one patient id, the same in all services:
 * {@code Patient/123}, {@code Patient/123/_history/2}, an absolute URL ending in {@code Patient/123}, a
 * {@code urn:uuid:} (or any fullUrl) of a Patient in the same Bundle (its id), and an identifier-only
 * reference ({@code Reference.identifier}): the id of the Bundle's Patient carrying that identifier, else
 * the identifier's value (hospitals key {@code patient-events} by that number, the MRN).
 */
public final class PatientIds {
    private final Map<String, String> byFullUrl = new HashMap<>();
    private final Map<String, String> byIdentifier = new HashMap<>();

    /** No Bundle: only literal and identifier references resolve. */
    public static final PatientIds NONE = new PatientIds();

    /** Learns a Bundle's Patient entry. */
    public void add(String fullUrl, Patient patient) {
        String id = patient.getIdElement().getIdPart();
        if (id == null) {
            id = uuidOf(fullUrl);
        }
        if (id == null) {
            return;
        }
        if (fullUrl != null) {
            byFullUrl.put(fullUrl, id);
        }
        for (Identifier identifier : patient.getIdentifier()) {
            if (identifier.hasValue()) {
                byIdentifier.put(key(identifier), id);
                byIdentifier.putIfAbsent("|" + identifier.getValue(), id);
            }
        }
    }

    public Optional<String> of(Reference reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.empty();
        }
        if (reference.hasReference()) {
            return literal(reference.getReference());
        }
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            if (reference.hasType() && !"Patient".equals(reference.getType())) {
                return Optional.empty();
            }
            Identifier identifier = reference.getIdentifier();
            return Optional.of(byIdentifier.getOrDefault(key(identifier),
                    byIdentifier.getOrDefault("|" + identifier.getValue(), identifier.getValue().trim())));
        }
        return Optional.empty();
    }

    private Optional<String> literal(String reference) {
        String known = byFullUrl.get(reference);
        if (known != null) {
            return Optional.of(known);
        }
        if (reference.startsWith("urn:uuid:")) {
            return Optional.empty(); // a Patient not in this Bundle: nothing to map it to
        }
        String path = reference.replaceFirst("/_history/[^/]*$", "");
        int at = path.lastIndexOf("Patient/");
        if (at < 0 || (at > 0 && path.charAt(at - 1) != '/')) {
            return Optional.empty();
        }
        String id = path.substring(at + "Patient/".length());
        return id.isEmpty() || id.contains("/") ? Optional.empty() : Optional.of(id);
    }

    private static String key(Identifier identifier) {
        return (identifier.hasSystem() ? identifier.getSystem() : "") + "|" + identifier.getValue();
    }

    static String uuidOf(String fullUrl) {
        return fullUrl != null && fullUrl.startsWith("urn:uuid:") ? fullUrl.substring("urn:uuid:".length()) : null;
    }
}
