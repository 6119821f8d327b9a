package org.ilsafety.interaction.events;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.interaction.check.Today;
import org.ilsafety.interaction.patient.ObservedStatuses;
import org.ilsafety.interaction.patient.PatientRecords;

/**
 * The patient context the checker reads beside the medicines: Conditions and AllergyIntolerances (hypersensitivity,
 * the label's warnings), Observations of pregnancy and breastfeeding ({@link ObservedStatuses}), and Immunizations
 * (the vaccinations).
 */
@ApplicationScoped
public class PatientContext {
    private final PatientRecords records;
    private final Today today;
    private final ObservedStatuses statuses;

    public PatientContext(PatientRecords records, Today today, ObservedStatuses statuses) {
        this.records = records;
        this.today = today;
        this.statuses = statuses;
    }

    /** True when the Observation is a reading of pregnancy or breastfeeding. */
    boolean isObservedStatus(Observation observation) {
        return statuses.read(observation).isPresent();
    }

    boolean apply(String patientId, Observation observation) {
        return apply(patientId, statuses.read(observation).orElseThrow());
    }

    /**
     * A Condition or AllergyIntolerance: kept (the latest version), active or not, for the re-check's patient context.
     * An older version than the one kept changes nothing (IGNORED, SUPERSEDED_VERSION).
     */
    boolean apply(String patientId, RecordedConditions.Recorded condition) {
        if (!records.recordCondition(patientId, condition)) {
            InputOutcome.ignore(IgnoredReasons.SUPERSEDED_VERSION);
            return false;
        }
        return true;
    }

    /**
     * An Observation of pregnancy or breastfeeding: kept as a condition of the patient while it holds; "not pregnant"
     * ends the earlier readings. A preliminary one, an answer that says neither (or both), a void one never seen, and a
     * reading older than the latest are IGNORED with their reason.
     */
    boolean apply(String patientId, ObservedStatuses.Reading reading) {
        if (reading.status() == ObservationFacts.Status.PRELIMINARY) {
            InputOutcome.ignore(IgnoredReasons.PRELIMINARY_RESULT);
            return false;
        }
        if (reading.status() == ObservationFacts.Status.COUNTS && reading.answer() == ObservedStatuses.Answer.UNRECOGNISED) {
            InputOutcome.ignore(IgnoredReasons.ANSWER_NOT_RECOGNISED);
            return false;
        }
        if (!records.recordObservedStatus(patientId, reading)) {
            InputOutcome.ignore(IgnoredReasons.OLDER_READING);
            return false;
        }
        return true;
    }

    boolean apply(String patientId, Immunization immunization) {
        LocalDate date = FhirMedicines.date(immunization, today.zone());
        String status = immunization.getStatus() == null ? null : immunization.getStatus().toCode();
        boolean current = FhirMedicines.isCurrent(immunization);
        records.recordImmunization(patientId, FhirMedicines.ref(immunization), FhirMedicines.cvx(immunization),
                FhirMedicines.vaccineName(immunization), date != null ? date : LocalDate.EPOCH, status, current && date != null);
        return true;
    }
}
