package org.ilsafety.dosing.events;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.dosing.allergy.PatientAllergies;
import org.ilsafety.dosing.plan.AllergyBlocks;

/**
 * AllergyIntolerance from patient-events: kept (its latest version) whether or not a plan exists; one that
 * contraindicates the plan's drug blocks or holds the plan, one that no longer holds lifts the block ({@link AllergyBlocks}).
 * An older version than the one kept changes nothing (IGNORED, SUPERSEDED_VERSION).
 */
@ApplicationScoped
public class AllergyEvents {
    private final PatientAllergies allergies;
    private final AllergyBlocks allergyBlocks;

    public AllergyEvents(PatientAllergies allergies, AllergyBlocks allergyBlocks) {
        this.allergies = allergies;
        this.allergyBlocks = allergyBlocks;
    }

    void apply(String patientId, RecordedConditions.Recorded allergy) {
        if (!allergies.record(patientId, allergy)) {
            InputOutcome.ignore(IgnoredReasons.SUPERSEDED_VERSION);
            return;
        }
        allergyBlocks.allergyChanged(patientId);
    }
}
