package org.ilsafety.dosing.plan;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads the patients' therapy plans and their administrations; {@link #lock} reads one for a change. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TherapyPlans {
    private final EntityManager entityManager;

    public TherapyPlans(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<TherapyPlan> find(String patientId) {
        return Optional.ofNullable(entityManager.find(TherapyPlan.class, patientId));
    }

    /** The plan under its row lock, in the caller's transaction. */
    Optional<TherapyPlan> lock(String patientId) {
        return PlanLock.lock(entityManager, patientId);
    }

    public List<Administration> administrations(String patientId) {
        return entityManager.createQuery("from Administration a where a.patientId = :p order by a.administeredAt, a.id", Administration.class)
                .setParameter("p", patientId).getResultList();
    }

    /** The record id of an administration, by the id its source gave it. */
    public Optional<Long> administrationId(String patientId, String sourceId) {
        return entityManager.createQuery("select a.id from Administration a where a.patientId = :p and a.sourceId = :s", Long.class)
                .setParameter("p", patientId).setParameter("s", sourceId).getResultList().stream().findFirst();
    }
}
