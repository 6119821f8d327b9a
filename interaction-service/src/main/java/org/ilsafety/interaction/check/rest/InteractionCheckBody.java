package org.ilsafety.interaction.check.rest;

import java.time.LocalDate;
import java.util.List;

import org.ilsafety.interaction.check.TherapyStatus;

/** The body of {@code POST /api/v1/interaction-checks}. */
public record InteractionCheckBody(TherapyBody therapy, List<MedicationBody> medications, List<ImmunizationBody> immunizations,
        List<CodedBody> conditions, List<CodedBody> allergies, LocalDate asOf) {

    /** A condition or an allergy: a code with its system (ICD-10-CM, SNOMED CT, RxNorm) and/or a name. */
    public record CodedBody(String system, String code, String name) {
    }

    /** {@code product} and {@code startDate} are optional refinements (duplicate product, live-vaccine lookback). */
    public record TherapyBody(String drug, String product, TherapyStatus status, LocalDate startDate, LocalDate lastDoseDate) {
    }

    public record MedicationBody(String name, String rxnorm, String atc) {
    }

    public record ImmunizationBody(String cvx, String name, LocalDate date) {
    }
}
