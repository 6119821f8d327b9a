package org.ilsafety.monitoring.decision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.response.PollSession;

/**
 * Publishes plan decisions once per ongoing state. A cause that already holds the same or a stronger
 * decision is not decided again; RESUME goes out once, when the last cause that kept the therapy from
 * being given has recovered.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DecisionService {
    private final EntityManager entityManager;
    private final Outbox outbox;
    private final PollSession session;

    public DecisionService(EntityManager entityManager, Outbox outbox, PollSession session) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.session = session;
    }

    /**
     * Records the hold for {@code decision.cause()} and publishes it, unless that cause already holds as much;
     * returns the hold now recorded for the cause.
     */
    public PlanHold hold(Decision decision, Alert alert) {
        return hold(decision, alert, find(decision.patientId(), decision.cause()));
    }

    /**
     * As {@link #hold(Decision, Alert)}, with the cause's hold already known ({@code existing}); returns the
     * hold now recorded for the cause (the existing one, changed or not, or a new one).
     */
    public PlanHold hold(Decision decision, Alert alert, Optional<PlanHold> existing) {
        if (existing.isPresent() && !stronger(decision.action(), existing.get().action)) {
            return existing.get();
        }
        // A hold of the cause released earlier in this transaction is taken back rather than replaced: persisting
        // the removed instance cancels its delete, where a new instance with its key would make Hibernate flush
        // the whole session first.
        PlanHold hold = existing.orElseGet(() -> session.removedInThisTransaction(PlanHold.class,
                new PlanHold.Key(decision.patientId(), decision.cause())).orElseGet(PlanHold::new));
        hold.patientId = decision.patientId();
        hold.cause = decision.cause();
        hold.action = decision.action();
        hold.analyte = decision.analyte();
        hold.provenance = decision.provenance();
        hold.openedAt = Instant.now();
        if (existing.isEmpty()) {
            entityManager.persist(hold);
        }
        publish(decision, alert);
        return hold;
    }

    /**
     * Ends the hold of a recovered cause. When it kept the therapy from being given and no such hold is
     * left, publishes {@code resume} (once) and returns true. A discontinuation is never released.
     */
    public boolean release(String patientId, String cause, Decision resume, Alert alert) {
        Optional<PlanHold> existing = find(patientId, cause);
        if (existing.isEmpty()) {
            return false;
        }
        List<PlanHold> others = holds(patientId).stream().filter(h -> !h.cause.equals(cause)).toList();
        return release(existing.get(), others, resume, alert);
    }

    /**
     * As {@link #release(String, String, Decision, Alert)}, with the cause's hold and the patient's other
     * holds already known.
     */
    public boolean release(PlanHold existing, List<PlanHold> others, Decision resume, Alert alert) {
        if (existing.action == Action.DISCONTINUE) {
            return false;
        }
        entityManager.remove(existing);
        if (!existing.blocksDosing() || others.stream().anyMatch(PlanHold::blocksDosing)) {
            return false;
        }
        publish(resume, alert);
        return true;
    }

    public Optional<PlanHold> find(String patientId, String cause) {
        return Optional.ofNullable(entityManager.find(PlanHold.class, new PlanHold.Key(patientId, cause)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PlanHold> holds(String patientId) {
        return entityManager.createQuery("SELECT h FROM PlanHold h WHERE h.patientId = :patient ORDER BY h.openedAt", PlanHold.class)
                .setParameter("patient", patientId).getResultList();
    }

    /** Forgets every hold, when the therapy ends. */
    public void clear(String patientId) {
        entityManager.createQuery("DELETE FROM PlanHold h WHERE h.patientId = :patient").setParameter("patient", patientId).executeUpdate();
    }

    /** Whether {@code proposed} replaces the {@code held} decision of a cause (and is published). */
    static boolean stronger(Action proposed, Action held) {
        if (held == Action.DISCONTINUE) {
            return false;
        }
        if (proposed == Action.DISCONTINUE) {
            return true;
        }
        if (held == Action.DO_NOT_START) {
            // Before the first dose only DO_NOT_START is proposed; an interruption means a dose was given despite the
            // block, and the on-therapy interruption must reach the plan (a reduction would not stop the next dose).
            return proposed == Action.INTERRUPT;
        }
        // A reduction after an interruption is not stronger; an interruption after a reduction is.
        return proposed.ordinal() > held.ordinal();
    }

    private void publish(Decision decision, Alert alert) {
        UUID alertId = alert == null ? null : alert.id;
        outbox.publish(Topics.MONITORING_EVENTS, decision.patientId(), MonitoringEvent.TYPE_DECISION, new MonitoringEvent(
                decision.patientId(), MonitoringEvent.Kind.DECISION, alertId == null ? null : alertId.toString(),
                alert == null ? null : alert.type.name(), alert == null ? null : alert.status.name(), null,
                alert == null ? null : alert.severity.name(), decision.action().name(), decision.analyte(),
                decision.requiresIndividualReview(), decision.message(), decision.observedAt(), decision.provenance()));
    }
}
