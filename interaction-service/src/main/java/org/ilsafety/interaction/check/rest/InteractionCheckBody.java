package org.ilsafety.interaction.check.rest;

import java.time.LocalDate;
import java.util.List;

import org.ilsafety.interaction.check.TherapyStatus;

/** The body of {@code POST /api/v1/interaction-checks}. */
public record InteractionCheckBody(TherapyBody therapy, List<MedicationBody> medications, List<ImmunizationBody> immunizations,
        LocalDate asOf) {

    /** {@code product} and {@code startDate} are optional refinements (duplicate product, live-vaccine lookback). */
    public record TherapyBody(String drug, String product, TherapyStatus status, LocalDate startDate, LocalDate lastDoseDate) {
    }

    public record MedicationBody(String name, String rxnorm, String atc) {
    }

    public record ImmunizationBody(String cvx, String name, LocalDate date) {
    }
}
