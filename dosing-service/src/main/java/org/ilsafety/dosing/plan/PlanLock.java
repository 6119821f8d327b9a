package org.ilsafety.dosing.plan;

import java.util.Optional;

import jakarta.persistence.EntityManager;

/**
 * A patient's plan, read under its row lock, for a change. The row is locked by SQL first and then read: Hibernate 7 locks
 * the eagerly joined renal reading of {@code find(..., PESSIMISTIC_WRITE)} with a follow-on lock ({@code TableLock}) that
 * threw a NullPointerException under load, and valid orders were dead-lettered (found by the fault suite; {@code BusyBusFlowTest}).
 */
final class PlanLock {
    private PlanLock() {
    }

    static Optional<TherapyPlan> lock(EntityManager entityManager, String patientId) {
        entityManager.createNativeQuery("SELECT 1 FROM therapy_plan WHERE patient_id = :p FOR UPDATE").setParameter("p", patientId)
                .getResultList();
        return Optional.ofNullable(entityManager.find(TherapyPlan.class, patientId));
    }
}
