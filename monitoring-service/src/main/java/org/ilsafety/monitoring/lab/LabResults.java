package org.ilsafety.monitoring.lab;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A patient's stored lab results. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class LabResults {
    private final EntityManager entityManager;

    public LabResults(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Optional<LabResult> byObservation(String patientId, String observationId) {
        return entityManager.createQuery("SELECT r FROM LabResult r WHERE r.patientId = :patient AND r.observationId = :obs", LabResult.class)
                .setParameter("patient", patientId).setParameter("obs", observationId).getResultStream().findFirst();
    }

    /** The newest results of an analyte, newest first. */
    public List<LabResult> recent(String patientId, String analyte, int limit) {
        return entityManager.createQuery("""
                SELECT r FROM LabResult r WHERE r.patientId = :patient AND r.analyte = :analyte ORDER BY r.observedAt DESC, r.id DESC""",
                LabResult.class).setParameter("patient", patientId).setParameter("analyte", analyte).setMaxResults(limit).getResultList();
    }

    public Optional<LabResult> latest(String patientId, String analyte) {
        return entityManager.createQuery("""
                SELECT r FROM LabResult r WHERE r.patientId = :patient AND r.analyte = :analyte ORDER BY r.observedAt DESC""", LabResult.class)
                .setParameter("patient", patientId).setParameter("analyte", analyte).setMaxResults(1).getResultStream().findFirst();
    }

    public List<LabResult> all(String patientId, int limit) {
        return entityManager.createQuery("SELECT r FROM LabResult r WHERE r.patientId = :patient ORDER BY r.observedAt DESC", LabResult.class)
                .setParameter("patient", patientId).setMaxResults(limit).getResultList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void save(LabResult result) {
        if (result.id == null) {
            entityManager.persist(result);
        }
    }
}
