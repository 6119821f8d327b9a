package org.ilsafety.common.therapy;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent;

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

    /** Records an order; returns the row as it now stands. */
    public ActiveTherapy recordOrder(TherapyOrder order) {
        ActiveTherapy therapy = find(order.patientId()).orElseGet(() -> newTherapy(order.patientId()));
        boolean isNew = therapy.status == null;
        therapy.productId = order.productId();
        therapy.moleculeId = order.moleculeId();
        therapy.indication = order.indication() != null ? order.indication() : therapy.indication;
        therapy.route = order.route() != null ? order.route() : therapy.route;
        therapy.status = order.active() ? "ACTIVE" : "STOPPED";
        if (therapy.startedAt == null && order.active()) {
            therapy.startedAt = order.authoredOn() != null ? order.authoredOn() : Instant.now();
        }
        therapy.updatedAt = Instant.now();
        return persistIfNew(therapy, isNew);
    }

    /** Applies dosing-service's view of the plan, which is authoritative for status and last dose. */
    public ActiveTherapy recordPlanEvent(TherapyPlanEvent event) {
        ActiveTherapy therapy = find(event.patientId()).orElseGet(() -> newTherapy(event.patientId()));
        boolean isNew = therapy.status == null;
        therapy.productId = event.product();
        therapy.moleculeId = event.drug();
        therapy.indication = event.indication();
        therapy.route = event.route();
        therapy.status = event.status();
        therapy.startedAt = event.startedAt() != null ? event.startedAt() : therapy.startedAt;
        therapy.lastDoseAt = event.lastDoseAt() != null ? event.lastDoseAt() : therapy.lastDoseAt;
        therapy.ruleId = event.ruleId();
        therapy.knowledgeVersion = event.knowledgeVersion();
        therapy.updatedAt = Instant.now();
        return persistIfNew(therapy, isNew);
    }

    private static ActiveTherapy newTherapy(String patientId) {
        ActiveTherapy therapy = new ActiveTherapy();
        therapy.patientId = patientId;
        return therapy;
    }

    private ActiveTherapy persistIfNew(ActiveTherapy therapy, boolean isNew) {
        if (isNew) {
            entityManager.persist(therapy);
        }
        return therapy;
    }
}
