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

/**
 * The scheduled missed-dose check ({@code suite.jobs.overdue-dose.every}, default 5m; "off" disables it): flags, once per
 * missed due time, each active plan whose dose is overdue, and publishes it (not one still waiting for a weight).
 */
@ApplicationScoped
public class OverdueDoseJob {
    private final EntityManager entityManager;
    private final PlanChanges changes;
    private final DosingKnowledge knowledge;

    public OverdueDoseJob(EntityManager entityManager, PlanChanges changes, DosingKnowledge knowledge) {
        this.entityManager = entityManager;
        this.changes = changes;
        this.knowledge = knowledge;
    }

    @Scheduled(identity = "overdue-dose", every = "${suite.jobs.overdue-dose.every:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
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
            changes.record(plan, Change.UPDATED, "dose missed: overdue by more than " + rule.graceHours() + " hours",
                    knowledge.provenance(rule.ruleId(), rule.source()));
        }
        return overdue.size();
    }
}
