package org.ilsafety.common.therapy;

import org.ilsafety.common.events.PlanStatus;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;

/** Keeps {@link ActiveTherapy} rows current from orders and therapy plan events. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ActiveTherapies {
    private final EntityManager entityManager;

    public ActiveTherapies(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ActiveTherapy> find(String patientId) {
        return Optional.ofNullable(entityManager.find(ActiveTherapy.class, patientId));
    }

    /**
     * A stopped or completed order that is not the current course's order: the course goes on, and the input is IGNORED
     * with {@link IgnoredReasons#NOT_THE_CURRENT_ORDER}. Callers ask before {@link #recordOrder}.
     */
    public boolean ignoredAsNotCurrent(TherapyOrder order) {
        ActiveTherapy current = find(order.patientId()).orElse(null);
        if (current != null && current.isCurrent() && order.stopsAnotherOrderThan(current.requestId)) {
            InputOutcome.ignore(IgnoredReasons.NOT_THE_CURRENT_ORDER);
            return true;
        }
        return false;
    }

    /** Records an order; returns the row as it now stands. */
    public ActiveTherapy recordOrder(TherapyOrder order) {
        ActiveTherapy therapy = locked(order.patientId(), order.productId(), order.moleculeId());
        therapy.productId = order.productId();
        therapy.moleculeId = order.moleculeId();
        therapy.indication = order.indication() != null ? order.indication() : therapy.indication;
        therapy.route = order.route() != null ? order.route() : therapy.route;
        therapy.status = order.active() ? PlanStatus.ACTIVE : PlanStatus.STOPPED;
        if (order.active() || therapy.requestId == null) {
            therapy.requestId = order.requestId();
        }
        if (therapy.startedAt == null && order.active()) {
            therapy.startedAt = order.authoredOn() != null ? order.authoredOn() : Instant.now();
        }
        therapy.updatedAt = Instant.now();
        return therapy;
    }

    /** Applies dosing-service's view of the plan, which is authoritative for status and last dose. */
    public ActiveTherapy recordPlanEvent(TherapyPlanEvent event) {
        ActiveTherapy therapy = locked(event.patientId(), event.product(), event.drug());
        therapy.productId = event.product();
        therapy.moleculeId = event.drug();
        therapy.indication = event.indication();
        therapy.route = event.route();
        therapy.status = event.status();
        therapy.startedAt = event.startedAt() != null ? event.startedAt() : therapy.startedAt;
        therapy.lastDoseAt = event.lastDoseAt() != null ? event.lastDoseAt() : therapy.lastDoseAt;
        therapy.provenance = event.provenance();
        therapy.updatedAt = Instant.now();
        return therapy;
    }

    /** The therapies of a merged-away patient and its survivor when the merge was applied. */
    public record AtMerge(ActiveTherapy surviving, ActiveTherapy mergedAway) {
        /** Both records had a current therapy: both are kept and a person reviews which one stands. */
        public boolean bothCurrent() {
            return surviving != null && mergedAway != null && surviving.isCurrent() && mergedAway.isCurrent();
        }
    }

    /**
     * A patient merge: the merged-away patient's therapy becomes the survivor's when the survivor has none or only a
     * stopped one; when both
     * have one, each stays under its own id (returned, so the service can raise its review). Rows are moved with SQL:
     * flush before, clear the persistence context after.
     */
    public AtMerge merge(String mergedId, String survivingId) {
        ActiveTherapy surviving = find(survivingId).orElse(null);
        ActiveTherapy mergedAway = find(mergedId).orElse(null);
        if (mergedAway != null && surviving != null && !surviving.isCurrent() && mergedAway.isCurrent()) {
            // the merged-away record's therapy is the current one: it replaces the survivor's stopped one
            entityManager.createNativeQuery("DELETE FROM active_therapy WHERE patient_id = ?1").setParameter(1, survivingId).executeUpdate();
            surviving = null;
        }
        if (surviving == null && mergedAway != null) {
            entityManager.createNativeQuery("UPDATE active_therapy SET patient_id = ?1, updated_at = ?3 WHERE patient_id = ?2")
                    .setParameter(1, survivingId).setParameter(2, mergedId).setParameter(3, Instant.now()).executeUpdate();
            return new AtMerge(null, null);
        }
        return new AtMerge(surviving, mergedAway);
    }

    /**
     * The patient's row, created if missing and locked for this transaction: the patient-events and
     * therapy-plan-events consumers may both touch it at once, and the second must wait, not fail.
     */
    private ActiveTherapy locked(String patientId, String productId, String moleculeId) {
        entityManager.createNativeQuery("INSERT INTO active_therapy (patient_id, product_id, molecule_id, status, updated_at) "
                + "VALUES (:patient, :product, :molecule, 'PLANNED', :now) ON CONFLICT (patient_id) DO NOTHING")
                .setParameter("patient", patientId)
                .setParameter("product", productId)
                .setParameter("molecule", moleculeId)
                .setParameter("now", Instant.now())
                .executeUpdate();
        return entityManager.find(ActiveTherapy.class, patientId, LockModeType.PESSIMISTIC_WRITE);
    }
}
