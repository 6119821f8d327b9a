package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.dosing.knowledge.DosingKnowledge;

/**
 * A patient merge (Patient.link replaced-by / replaces, HL7 v2 ADT^A40) in dosing. The patient's facts (weights,
 * renal readings, allergies, birth date, kept Conditions and Medications) move to the survivor, except a reading
 * or allergy the survivor already has from the same source. The therapy plan:
 * <ul>
 * <li>only the merged-away record has one: the plan, with its doses, changes and early decisions, moves to the
 * survivor and is published under the survivor's id (monitoring and interaction follow it);</li>
 * <li>the merged-away plan is current and the survivor's discontinued: the two plans swap ids, so the current one
 * goes on under the survivor and the discontinued one is kept under the old id;</li>
 * <li>both are current: both are kept, each under its own id, and both are flagged for review: which plan stands
 * is a clinician's decision, not a guess;</li>
 * <li>the merged-away plan is discontinued and the survivor has one: it stays under the old id as history.</li>
 * </ul>
 * Then the survivor's allergies are checked against its plan again.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class MergedPatients {
    private static final List<String> PLAN_TABLES = List.of("therapy_plan", "plan_administration", "plan_change", "early_decision");

    private final EntityManager entityManager;
    private final PatientMerges merges;
    private final PlanChanges changes;
    private final AllergyBlocks allergyBlocks;
    private final DosingKnowledge knowledge;

    /** Merge plan changes carry plan-rules procedures.patientMerge: a record-keeping decision, not a label rule. */
    public MergedPatients(EntityManager entityManager, PatientMerges merges, PlanChanges changes, AllergyBlocks allergyBlocks,
            DosingKnowledge knowledge) {
        this.knowledge = knowledge;
        this.entityManager = entityManager;
        this.merges = merges;
        this.changes = changes;
        this.allergyBlocks = allergyBlocks;
    }

    public void move(String mergedId, String survivingId) {
        entityManager.flush();
        TherapyPlan surviving = entityManager.find(TherapyPlan.class, survivingId);
        TherapyPlan mergedAway = entityManager.find(TherapyPlan.class, mergedId);
        String note = null;
        boolean review = false;
        if (mergedAway != null && surviving == null) {
            PLAN_TABLES.forEach(table -> merges.moveRows(table, mergedId, survivingId));
            note = "patient merged: the merged-away record's plan goes on under this patient";
        } else if (mergedAway != null && current(mergedAway) && !current(surviving)) {
            String parked = "merge-" + Long.toHexString(System.nanoTime());
            for (String table : PLAN_TABLES) {
                merges.moveRows(table, survivingId, parked);
                merges.moveRows(table, mergedId, survivingId);
                merges.moveRows(table, parked, mergedId);
            }
            note = "patient merged: the merged-away record's current plan goes on under this patient; this patient's discontinued plan "
                    + "is kept under the merged-away id";
        } else if (mergedAway != null && current(mergedAway)) {
            review = true;
            note = "review: patient merged, and both records have a current plan (" + surviving.productId + " here, " + mergedAway.productId
                    + " on the merged-away record): both are kept; decide which plan stands and discontinue the other";
        }
        merges.moveRows("weight_reading", mergedId, survivingId, "source_id");
        merges.moveRows("renal_reading", mergedId, survivingId, "source_id");
        merges.moveRows("patient_allergy", mergedId, survivingId, "resource_ref");
        merges.moveRowUnlessPresent("patient_birth_date", mergedId, survivingId);
        merges.moveRows("received_resource", mergedId, survivingId);
        // The rows moved under the entities this transaction holds: read everything again from here on.
        entityManager.clear();
        TherapyPlan plan = entityManager.find(TherapyPlan.class, survivingId);
        if (note != null && plan != null) {
            plan.reviewRequired |= review;
            changes.record(plan, Change.UPDATED, note, knowledge.provenance(knowledge.planRules().procedures().patientMerge()));
        }
        if (review) {
            TherapyPlan other = entityManager.find(TherapyPlan.class, mergedId);
            other.reviewRequired = true;
            changes.record(other, Change.UPDATED, "review: patient merged into another record that has its own current plan; "
                    + "new events for this id now apply to the surviving patient, so this plan receives none: decide which plan stands",
                    knowledge.provenance(knowledge.planRules().procedures().patientMerge()));
        }
        allergyBlocks.allergyChanged(survivingId);
    }

    private static boolean current(TherapyPlan plan) {
        return plan != null && plan.status != PlanStatus.DISCONTINUED;
    }
}
