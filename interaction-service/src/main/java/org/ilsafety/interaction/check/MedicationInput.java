package org.ilsafety.interaction.check;

/** A medicine to check; {@code ref} says where it came from (request position or FHIR resource). */
public record MedicationInput(String ref, String name, String rxnorm, String atc) {
}
