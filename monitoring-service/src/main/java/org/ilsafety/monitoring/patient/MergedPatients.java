package org.ilsafety.monitoring.patient;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertService;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.response.PatientStates;

/**
 * A patient merge (Patient.link replaced-by / replaces, HL7 v2 ADT^A40) in monitoring: the merged-away patient's
 * therapy (when the survivor has none), lab history, screens, infection Conditions, latent TB records, plan holds, lab schedules and
 * alerts (open and closed) move to the survivor, so grading and due dates go on under the surviving id. Where the
 * survivor already has the same row (the same Observation, Condition, schedule group or hold cause) the survivor's
 * stays and the merged-away one stays under the old id; an open alert of the same kind is resolved into the
 * survivor's. When both records had a current therapy of different products, both therapies are kept and a
 * PATIENT_MERGE alert asks a person which one stands: no guess.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MergedPatients {
    /** The rule id merge alerts carry: a merge is a record-keeping decision, not a label rule. */
    public static final String RULE_ID = "PATIENT_MERGE";
    public static final String BY = "monitoring-service (patient merge)";

    private final EntityManager entityManager;
    private final PatientMerges merges;
    private final ActiveTherapies therapies;
    private final AlertService alerts;
    private final PatientStates states;

    public MergedPatients(EntityManager entityManager, PatientMerges merges, ActiveTherapies therapies, AlertService alerts, PatientStates states) {
        this.entityManager = entityManager;
        this.merges = merges;
        this.therapies = therapies;
        this.alerts = alerts;
        this.states = states;
    }

    public void move(String mergedId, String survivingId) {
        entityManager.flush();
        ActiveTherapies.AtMerge atMerge = therapies.merge(mergedId, survivingId);
        for (AlertType type : AlertType.values()) {
            for (Alert open : alerts.activeOfType(mergedId, type)) {
                if (alerts.active(new AlertCondition(survivingId, open.type, open.subject)).isPresent()) {
                    alerts.resolve(open, BY, "Patient merged: the surviving record's open alert of the same kind stands");
                }
            }
        }
        entityManager.flush();
        merges.moveRows("alert", mergedId, survivingId);
        merges.moveRows("lab_result", mergedId, survivingId, "observation_id");
        merges.moveRows("patient_condition", mergedId, survivingId, "condition_id");
        merges.moveRows("latent_tb_record", mergedId, survivingId, "resource_ref");
        merges.moveRows("screening_result", mergedId, survivingId, "screen", "observation_id");
        merges.moveRows("plan_hold", mergedId, survivingId, "cause");
        merges.moveRows("lab_schedule", mergedId, survivingId, "lab_group");
        merges.moveRows("received_resource", mergedId, survivingId);
        // The rows moved under the entities this transaction holds: read everything again from here on.
        entityManager.clear();
        states.forgetAll();
        // The same product under both ids is one therapy to monitor (it may also be dosing's moved plan arriving first on
        // therapy-plan-events); two current plans of one product are dosing-service's review.
        if (atMerge.bothCurrent() && !atMerge.surviving().productId.equals(atMerge.mergedAway().productId)) {
            String message = "Two patient records were merged and each had its own current therapy (" + atMerge.surviving().productId
                    + " on the surviving record, " + atMerge.mergedAway().productId + " on the merged-away record): both are kept, "
                    + "and monitoring follows the surviving record's. Review which therapy is current and correct the orders.";
            alerts.raise(new AlertRequest(new AlertCondition(survivingId, AlertType.PATIENT_MERGE, "MERGE:" + mergedId),
                    new AlertFinding(null, Action.MONITOR, Severity.HIGH, message, true, Instant.now()),
                    new Provenance(RULE_ID, "issue 13: patient merge (HL7 v2 ADT^A40, FHIR Patient.link)", null)));
        }
    }
}
