package org.ilsafety.dosing.plan;

import org.ilsafety.common.events.PlanStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent.Change;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;

import io.quarkus.scheduler.Scheduled;

/** Flags, once per missed due time, each active plan whose dose is overdue, and publishes it (not one still waiting for a weight). */
@ApplicationScoped
public class OverdueDoses {
    private final EntityManager entityManager;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;

    public OverdueDoses(EntityManager entityManager, PlanChanges changes, DosingKnowledge knowledge) {
        this.entityManager = entityManager;
        this.changes = changes;
        this.knowledge = knowledge;
    }

    @Scheduled(every = "${dosing.overdue-check.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        flag(Instant.now());
    }

    /** Returns how many plans were newly flagged. */
    @Transactional
    public int flag(Instant now) {
        PlanRules.MissedDose rule = knowledge.planRules().missedDose();
        Instant dueBefore = now.minus(Duration.ofMinutes(Math.round(rule.graceHours() * 60)));
        List<TherapyPlan> overdue = entityManager.createQuery("""
                from TherapyPlan p where p.status = :active and p.startBlocked = false and p.dosingWeightKg is not null
                and p.nextDueAt < :dueBefore
                and (p.overdueFlaggedDue is null or p.overdueFlaggedDue <> p.nextDueAt)""", TherapyPlan.class)
                .setParameter("active", PlanStatus.ACTIVE).setParameter("dueBefore", dueBefore)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setMaxResults(500).getResultList();
        for (TherapyPlan plan : overdue) {
            plan.overdueFlaggedDue = plan.nextDueAt;
            changes.record(plan, Change.UPDATED, "dose missed: overdue by more than " + rule.graceHours() + " hours", rule.ruleId());
        }
        return overdue.size();
    }
}
