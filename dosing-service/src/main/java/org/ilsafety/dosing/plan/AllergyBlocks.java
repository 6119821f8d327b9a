package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.dosing.allergy.AllergyContraindications;
import org.ilsafety.dosing.allergy.AllergyContraindications.Contraindication;
import org.ilsafety.dosing.allergy.PatientAllergies;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;

/**
 * A recorded allergy that contraindicates the plan's drug (plan-rules {@code allergyContraindication}): before the
 * first dose the plan is blocked from starting, as a DO_NOT_START blocks it, and monitoring's RESUME does not lift
 * it; after doses the plan is held (interrupted) and flagged for review. When the allergy no longer holds (entered in
 * error, refuted, inactive, resolved) the start block is lifted; a hold after doses waits for the clinician's review.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AllergyBlocks {
    /** The cause an allergy block or hold is kept under, beside the analytes of monitoring's decisions. */
    public static final String CAUSE = "ALLERGY";

    private final EntityManager entityManager;
    private final PatientAllergies allergies;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;
    private final AllergyContraindications contraindications;

    public AllergyBlocks(EntityManager entityManager, PatientAllergies allergies, PlanChanges changes, DosingKnowledge knowledge,
            ProductCatalog products) {
        this.entityManager = entityManager;
        this.allergies = allergies;
        this.changes = changes;
        this.knowledge = knowledge;
        this.contraindications = new AllergyContraindications(knowledge.hypersensitivity(), products);
    }

    /** An allergy of the patient was recorded or changed: block, hold or lift. False when the patient has no current plan. */
    public boolean allergyChanged(String patientId) {
        TherapyPlan plan = PlanLock.lock(entityManager, patientId).orElse(null);
        if (plan == null || plan.status == PlanStatus.DISCONTINUED) {
            return false;
        }
        evaluate(plan, true);
        return true;
    }

    /** A plan was started or restarted: an allergy already recorded blocks it before the first dose. */
    void atStart(TherapyPlan plan) {
        if (plan.status != PlanStatus.DISCONTINUED) {
            evaluate(plan, false);
        }
    }

    private void evaluate(TherapyPlan plan, boolean allergyChanged) {
        Optional<Contraindication> found = contraindications.find(plan.moleculeId, allergies.active(plan.patientId));
        PlanRules.AllergyRule rule = knowledge.planRules().allergyContraindication();
        Provenance provenance = knowledge.provenance(rule.ruleId(), rule.source());
        if (found.isPresent()) {
            String reason = found.get().allergyRef() + " (allergy to " + found.get().allergen() + "): " + rule.note() + "; interaction rule "
                    + found.get().interactionRuleId() + ", source: " + found.get().source();
            if (plan.dosesGiven == 0) {
                Set<String> blocks = plan.blocks();
                if (blocks.add(CAUSE)) {
                    plan.blocks(blocks);
                    changes.record(plan, Change.UPDATED, "blocked from starting: " + reason, provenance);
                }
            } else if (allergyChanged && !plan.interruptions().contains(CAUSE)) {
                hold(plan, reason, provenance);
            }
            return;
        }
        Set<String> blocks = plan.blocks();
        if (blocks.remove(CAUSE)) {
            plan.blocks(blocks);
            changes.record(plan, Change.UPDATED, "the recorded allergy no longer holds: " + (blocks.isEmpty() ? "start no longer blocked"
                    : "start still blocked for " + String.join(", ", blocks)), provenance);
        }
        Set<String> causes = plan.interruptions();
        if (causes.remove(CAUSE)) {
            plan.interruptions(causes);
            changes.record(plan, Change.UPDATED, "the recorded allergy no longer holds; resuming awaits the individual review", provenance);
        }
    }

    private void hold(TherapyPlan plan, String reason, Provenance rule) {
        Set<String> causes = plan.interruptions();
        causes.add(CAUSE);
        plan.interruptions(causes);
        plan.reviewRequired = true;
        if (plan.status == PlanStatus.ACTIVE) {
            plan.status = PlanStatus.INTERRUPTED;
            changes.record(plan, Change.INTERRUPTED, "held for review after doses: " + reason, rule);
        } else {
            changes.record(plan, Change.UPDATED, "held for review after doses: " + reason, rule);
        }
    }
}
