package org.ilsafety.dosing.plan;

import org.ilsafety.common.knowledge.Provenance;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.audit.AuditNotes;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.dosing.knowledge.DosingKnowledge;

import io.quarkus.arc.Arc;

/** Records a plan change in the plan's history and publishes it, in the transaction of the change. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PlanChanges {
    private final EntityManager entityManager;
    private final Outbox outbox;
    private final AuditNotes audit;

    public PlanChanges(EntityManager entityManager, Outbox outbox, AuditNotes audit) {
        this.audit = audit;
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Records a change made under a rule of the knowledge base ({@link DosingKnowledge#provenance}). */
    public void record(TherapyPlan plan, TherapyPlanEvent.Change change, String reason, Provenance rule) {
        plan.updatedAt = Instant.now();
        plan.provenance = rule;
        PlanChange entry = new PlanChange();
        entry.patientId = plan.patientId;
        entry.occurredAt = plan.updatedAt;
        entry.change = change.name();
        entry.status = plan.status.name();
        entry.step = plan.step.name();
        entry.doseMg = plan.doseMg;
        entry.reason = reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
        entry.provenance = rule;
        entityManager.persist(entry);
        if (Arc.container().requestContext().isActive()) {
            // A REST request's audit row names the change it decided (the last one, if it made several).
            audit.target("plan-change-" + entry.id);
        }
        outbox.publish(Topics.THERAPY_PLAN_EVENTS, plan.patientId, TherapyPlanEvent.TYPE, toEvent(plan, change, entry.reason));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PlanChange> history(String patientId) {
        return entityManager.createQuery("from PlanChange c where c.patientId = :p order by c.id", PlanChange.class)
                .setParameter("p", patientId).getResultList();
    }

    static TherapyPlanEvent toEvent(TherapyPlan plan, TherapyPlanEvent.Change change, String reason) {
        return new TherapyPlanEvent(plan.patientId, change, plan.moleculeId, plan.productId, plan.indication, plan.route,
                plan.status, plan.step.name(), plan.doseMg, plan.startedAt, plan.lastDoseAt, plan.nextDueAt, reason, plan.provenance);
    }
}
