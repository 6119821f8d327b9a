package org.ilsafety.interaction.check;

import java.time.LocalDate;
import java.util.List;

/** Everything one check looks at; the same for the API, the patient re-check and CDS Hooks. */
public record CheckRequest(Therapy therapy, List<MedicationInput> medications, List<ImmunizationInput> immunizations, LocalDate asOf) {
}
