package org.ilsafety.common.fhir;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.util.Digests;

/**
 * Validates a record of the inbound {@code patient-events} topic: FHIR R4 JSON of a supported type,
 * with an id and a patient reference that matches the record key. The idempotency key is
 * resource type + id + meta.versionId (a content hash stands in when the sender gives no versionId).
 */
@ApplicationScoped
public class PatientEventParser {
    public static final Set<String> SUPPORTED_TYPES = Set.of("Patient", "Observation", "MedicationRequest",
            "MedicationStatement", "MedicationAdministration", "Immunization", "Condition");

    private final Fhir fhir;

    public PatientEventParser(Fhir fhir) {
        this.fhir = fhir;
    }

    public InboundEvent<Resource> parse(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new EventRejected("EMPTY_PAYLOAD", "The record has no payload");
        }
        Resource resource;
        try {
            resource = fhir.parse(record.value());
        } catch (Fhir.FhirFormatException e) {
            throw new EventRejected("NOT_FHIR_JSON", "The payload is not valid FHIR R4 JSON");
        }
        String type = resource.fhirType();
        if (!SUPPORTED_TYPES.contains(type)) {
            throw new EventRejected("UNSUPPORTED_RESOURCE_TYPE", "Resource type " + type + " is not accepted on this topic");
        }
        if (!resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
            throw new EventRejected("MISSING_RESOURCE_ID", type + " has no id");
        }
        String patientId = patientOf(resource)
                .orElseThrow(() -> new EventRejected("MISSING_PATIENT_REFERENCE", type + " has no Patient reference"));
        if (record.key() != null && !record.key().equals(patientId)) {
            throw new EventRejected("KEY_MISMATCH", "The record key is not the patient id of the " + type);
        }
        return new InboundEvent<>(idempotencyKey(resource, record.value()), patientId, type, resource);
    }

    static String idempotencyKey(Resource resource, String json) {
        String version = resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId() : "sha256:" + Digests.sha256Hex(json);
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart() + "/_history/" + version;
    }

    /** The logical id of the patient a resource belongs to. */
    public static Optional<String> patientOf(Resource resource) {
        if (resource instanceof Patient) {
            return Optional.of(resource.getIdElement().getIdPart());
        }
        return Optional.ofNullable(subjectOf(resource))
                .filter(Reference::hasReference)
                .map(Reference::getReference)
                .filter(reference -> reference.startsWith("Patient/") && reference.length() > "Patient/".length())
                .map(reference -> reference.substring("Patient/".length()).split("/")[0]);
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
        } else if (resource instanceof Immunization immunization) {
            return immunization.getPatient();
        } else if (resource instanceof Condition condition) {
            return condition.getSubject();
        }
        return null;
    }
}
