package org.ilsafety.hl7.fhir;

import org.hl7.fhir.r4.model.Resource;

/** A FHIR resource for {@code patient-events}, keyed by the patient id it belongs to. */
public record PatientEvent(String patientId, Resource resource) {
}
