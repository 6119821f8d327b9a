package org.ilsafety.common.patient;

import java.io.Serializable;

/**
 * The key of a row kept per patient and FHIR resource ({@code @IdClass}): the patient and the resource's
 * reference ({@code Condition/<id>}, {@code MedicationStatement/<id>}, ...). The entity names its two
 * {@code @Id} fields {@code patientId} and {@code resourceRef}.
 */
public record PatientResourceKey(String patientId, String resourceRef) implements Serializable {
}
