package org.ilsafety.dosing.weight;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The body-weight readings kept per patient. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class WeightReadings {
    private final EntityManager entityManager;

    public WeightReadings(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores a reading once per source id; false when it was already stored. */
    public boolean record(String patientId, String sourceId, Instant measuredAt, double weightKg) {
        boolean known = !entityManager.createQuery("select r.id from WeightReading r where r.patientId = :p and r.sourceId = :s", Long.class)
                .setParameter("p", patientId).setParameter("s", sourceId).getResultList().isEmpty();
        if (known) {
            return false;
        }
        WeightReading reading = new WeightReading();
        reading.patientId = patientId;
        reading.sourceId = sourceId;
        reading.measuredAt = measuredAt;
        reading.weightKg = weightKg;
        entityManager.persist(reading);
        return true;
    }

    /** The latest readings first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WeightReading> latest(String patientId, int count) {
        return entityManager.createQuery("from WeightReading r where r.patientId = :p order by r.measuredAt desc, r.id desc", WeightReading.class)
                .setParameter("p", patientId).setMaxResults(count).getResultList();
    }
}
