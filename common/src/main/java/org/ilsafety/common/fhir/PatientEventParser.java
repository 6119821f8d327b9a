package org.ilsafety.common.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.util.Digests;

/**
 * Validates a record of the inbound {@code patient-events} topic: FHIR R4 JSON, a single resource or a
 * Bundle of any type (transaction, batch, collection, message, searchset, ...). A Bundle is unpacked in
 * entry order; each entry is its own event with its own idempotency key and its own patient (a Bundle may
 * hold several), and references inside the Bundle ({@code urn:uuid:}, relative, absolute) to a Medication or
 * Condition are resolved by copying the target into the entry's {@code contained}. The idempotency key is
 * resource type + id + meta.versionId (a content hash stands in when the sender gives no versionId).
 * Valid FHIR of a type the suite does not use is an IGNORED event, never a dead letter.
 */
@ApplicationScoped
public class PatientEventParser {
    public static final Set<String> SUPPORTED_TYPES = Set.of("Patient", "Observation", "MedicationRequest", "MedicationStatement",
            "MedicationAdministration", "MedicationDispense", "Immunization", "Condition", "AllergyIntolerance", "Medication");
    /** Resources kept by id for later references; they belong to no patient. */
    public static final Set<String> PATIENTLESS_TYPES = Set.of("Medication");

    private final Fhir fhir;

    public PatientEventParser(Fhir fhir) {
        this.fhir = fhir;
    }

    /** A single resource (not a Bundle); kept for callers that take one resource per record. */
    public InboundEvent<Resource> parse(ConsumerRecord<String, String> record) {
        List<InboundEvent<Resource>> events = parseAll(record);
        if (events.size() != 1) {
            throw new EventRejected("UNEXPECTED_BUNDLE", "A Bundle is not accepted here");
        }
        return events.get(0);
    }

    /** Every event of a record: one for a resource, one per entry (in entry order) for a Bundle. */
    public List<InboundEvent<Resource>> parseAll(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new EventRejected("EMPTY_PAYLOAD", "The record has no payload");
        }
        Resource resource;
        try {
            resource = fhir.parse(record.value());
        } catch (Fhir.FhirFormatException e) {
            throw new EventRejected("NOT_FHIR_JSON", "The payload is not valid FHIR R4 JSON");
        }
        if (resource instanceof Bundle bundle) {
            return unpack(bundle, record.key());
        }
        if (!resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
            throw new EventRejected("MISSING_RESOURCE_ID", resource.fhirType() + " has no id");
        }
        InboundEvent<Resource> event = event(resource, PatientIds.NONE, idempotencyKey(resource, record.value()), record.key(), "");
        if (event.patientId() != null && event.ignoredBecause() == null && record.key() != null && !record.key().equals(event.patientId())) {
            throw new EventRejected("KEY_MISMATCH", "The record key is not the patient id of the " + resource.fhirType());
        }
        return List.of(event);
    }

    private InboundEvent<Resource> event(Resource resource, PatientIds patients, String key, String recordKey, String where) {
        String type = resource.fhirType();
        if (!SUPPORTED_TYPES.contains(type)) {
            String patient = patientOf(resource, patients).orElse(recordKey);
            return new InboundEvent<>(key, patient, type, resource, IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
        if (PATIENTLESS_TYPES.contains(type)) {
            // a Medication names no patient: it is listed under the patient the record is keyed by
            return new InboundEvent<>(key, recordKey, type, resource);
        }
        String patientId = patientOf(resource, patients)
                .orElseThrow(() -> new EventRejected("MISSING_PATIENT_REFERENCE", where + type + " has no Patient reference"));
        Reference subject = subjectOf(resource);
        if (subject != null) {
            subject.setReference("Patient/" + patientId); // one form for every reader downstream
        }
        return new InboundEvent<>(key, patientId, type, resource);
    }

    /**
     * An event of a merged-away patient re-addressed to the surviving patient: its patient id and the resource's
     * subject. A Patient that states a merge (its links) stays as it is: it is the merge itself.
     */
    public InboundEvent<Resource> forSurvivor(InboundEvent<Resource> event, String survivingId) {
        if (event.body() instanceof Patient patient && !PatientMerge.of(patient).isEmpty()) {
            return event;
        }
        Reference subject = event.body() == null ? null : subjectOf(event.body());
        if (subject != null && subject.hasReference()) {
            subject.setReference("Patient/" + survivingId);
        }
        return new InboundEvent<>(event.idempotencyKey(), survivingId, event.type(), event.body(), event.ignoredBecause());
    }

    /** {@code recordKey}: the patient an unused entry naming none (Provenance, MessageHeader) is listed under. */
    private List<InboundEvent<Resource>> unpack(Bundle bundle, String recordKey) {
        PatientIds patients = new PatientIds();
        Map<String, Resource> byReference = new HashMap<>();
        String base = bundle.hasIdElement() && bundle.getIdElement().getIdPart() != null ? bundle.getIdElement().getIdPart()
                : Digests.sha256Hex(fhir.toJson(bundle)).substring(0, 16);
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            String parsedId = resource.getIdElement().getValue();
            if (parsedId != null && parsedId.startsWith("urn:")) {
                resource.setId((String) null); // HAPI gives an entry without id its fullUrl as id
            }
            if (resource.getIdElement().getIdPart() == null) {
                String uuid = PatientIds.uuidOf(entry.getFullUrl());
                resource.setId(uuid != null ? uuid : "entry-" + i + "-" + base);
            }
            if (entry.hasFullUrl()) {
                byReference.put(entry.getFullUrl(), resource);
            }
            byReference.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            if (resource instanceof Patient patient) {
                patients.add(entry.getFullUrl(), patient);
            }
        }
        List<InboundEvent<Resource>> events = new ArrayList<>(entries.size());
        if (entries.isEmpty()) {
            events.add(new InboundEvent<>("Bundle/" + base, null, "Bundle", bundle, IgnoredReasons.EMPTY_BUNDLE));
        }
        for (int i = 0; i < entries.size(); i++) {
            Resource resource = entries.get(i).getResource();
            if (resource == null) {
                events.add(new InboundEvent<>("Bundle/" + base + "/entry/" + i, recordKey, "Bundle.entry", null,
                        IgnoredReasons.ENTRY_WITHOUT_RESOURCE));
                continue;
            }
            String key = idempotencyKey(resource, fhir.toJson(resource));
            if (resource instanceof DomainResource owner) {
                BundleReferences.inline(owner, byReference);
            }
            events.add(event(resource, patients, key, recordKey, "Bundle entry " + i + ": "));
        }
        return events;
    }

    static String idempotencyKey(Resource resource, String json) {
        String version = resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId() : "sha256:" + Digests.sha256Hex(json);
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/_history/" + version;
    }

    /** The logical id of the patient a resource belongs to (see {@link PatientIds} for the forms understood). */
    public static Optional<String> patientOf(Resource resource) {
        return patientOf(resource, PatientIds.NONE);
    }

    private static Optional<String> patientOf(Resource resource, PatientIds patients) {
        if (resource instanceof Patient) {
            return Optional.ofNullable(resource.getIdElement().getIdPart());
        }
        return patients.of(subjectOf(resource));
    }

    private static Reference subjectOf(Resource resource) {
        if (resource instanceof Observation observation) {
            return observation.getSubject();
        } else if (resource instanceof MedicationRequest request) {
            return request.getSubject();
        } else if (resource instanceof MedicationStatement statement) {
            return statement.getSubject();
        } else if (resource instanceof MedicationAdministration administration) {
            return administration.getSubject();
        } else if (resource instanceof MedicationDispense dispense) {
            return dispense.getSubject();
        } else if (resource instanceof Immunization immunization) {
            return immunization.getPatient();
        } else if (resource instanceof Condition condition) {
            return condition.getSubject();
        } else if (resource instanceof AllergyIntolerance allergy) {
            return allergy.getPatient();
        } else if (resource instanceof DomainResource domain) {
            // Other types (Encounter, Procedure, Claim, ...): their subject or patient, for the per-patient inputs list.
            for (String name : List.of("subject", "patient")) {
                var property = domain.getNamedProperty(name);
                if (property != null && property.hasValues() && property.getValues().get(0) instanceof Reference reference) {
                    return reference;
                }
            }
        }
        return null;
    }
}
