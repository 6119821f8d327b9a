package org.ilsafety.dosing.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.dosing.plan.MergedPatients;
import org.ilsafety.dosing.plan.PlanMeasurements;

/**
 * Patient from patient-events: its birth date (the label's age limits, {@link PlanMeasurements}), and a merge its links
 * state (replaced-by / replaces), which moves the merged-away patient's plan and facts to the survivor ({@link MergedPatients}).
 */
@ApplicationScoped
public class PatientRecordEvents {
    private final PatientMerges merges;
    private final MergedPatients mergedPatients;
    private final PlanMeasurements measurements;

    public PatientRecordEvents(PatientMerges merges, MergedPatients mergedPatients, PlanMeasurements measurements) {
        this.merges = merges;
        this.mergedPatients = mergedPatients;
        this.measurements = measurements;
    }

    void apply(InboundEvent<Resource> event, Patient patient) {
        List<PatientMerge> stated = PatientMerge.of(patient);
        boolean merged = !stated.isEmpty() && merges.apply(stated, event.idempotencyKey(), mergedPatients::move);
        boolean merging = stated.stream().anyMatch(merge -> merge.mergedId().equals(event.patientId()));
        if (patient.hasBirthDate() && !merging) {
            measurements.recordBirthDate(event.patientId(), patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate());
        } else if (!merged) {
            InputOutcome.ignore(stated.isEmpty() ? IgnoredReasons.NOTHING_USED : IgnoredReasons.MERGE_ALREADY_APPLIED);
        }
    }
}
