package org.ilsafety.interaction.check;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one check looks at; the same for the API, the patient re-check and CDS Hooks. {@code conditions}
 * holds the patient's conditions and allergies (empty where the caller has none to give).
 */
public record CheckRequest(Therapy therapy, List<MedicationInput> medications, List<ImmunizationInput> immunizations,
        List<ConditionInput> conditions, LocalDate asOf) {

    public CheckRequest(Therapy therapy, List<MedicationInput> medications, List<ImmunizationInput> immunizations, LocalDate asOf) {
        this(therapy, medications, immunizations, List.of(), asOf);
    }
}
