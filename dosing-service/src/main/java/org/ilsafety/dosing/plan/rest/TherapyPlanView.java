package org.ilsafety.dosing.plan.rest;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.dosing.calculation.DoseCalculation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** {@code GET /api/v1/patients/{id}/therapy-plan}: the plan as the API shows it (never the entity). */
public record TherapyPlanView(
        String patientId,
        String productId,
        String moleculeId,
        String indication,
        String route,
        String status,
        String step,
        boolean offLabel,
        Double dosingWeightKg,
        RenalFunctionView renalFunction,
        DoseCalculation currentDose,
        String doseIssue,
        List<AdministrationView> administrations,
        int dosesGiven,
        Instant startedAt,
        Instant lastDoseAt,
        Instant nextDueAt,
        Instant earliestRepeatAt,
        boolean overdue,
        int missedDoses,
        boolean reviewRequired,
        boolean startBlocked,
        Set<String> interruptedFor,
        Set<String> blockedFor,
        List<ChangeView> history,
        @JsonUnwrapped Provenance provenance) {

    /**
     * The renal-function reading the plan's dose uses: its LOINC code (none when the prescriber gave it in the request),
     * value in mL/min with any comparator, when it was measured, and whether it is an estimate (eGFR).
     */
    public record RenalFunctionView(String code, String display, String comparator, double mlPerMin, Instant measuredAt, boolean estimate,
            String description) {
    }

    public record AdministrationView(int doseNumber, Instant administeredAt, Double doseMg, String route, String productId) {
    }

    public record ChangeView(Instant at, String change, String status, String step, Double doseMg, String reason,
            @JsonUnwrapped Provenance provenance) {
    }
}
