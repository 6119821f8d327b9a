package org.ilsafety.dosing.renal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** The renal-function readings kept per patient, whether or not a plan exists. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RenalReadings {
    private final EntityManager entityManager;

    public RenalReadings(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Stores a reading once per source id; a later version of the same source (an amended or corrected result)
     * replaces the values. False when nothing changed.
     */
    public boolean record(RenalReading reading) {
        Optional<RenalReading> known = bySource(reading.patientId, reading.sourceId);
        if (known.isEmpty()) {
            entityManager.persist(reading);
            return true;
        }
        RenalReading stored = known.get();
        if (stored.mlPerMin == reading.mlPerMin && Objects.equals(stored.comparator, reading.comparator)
                && stored.measuredAt.equals(reading.measuredAt) && Objects.equals(stored.code, reading.code)) {
            return false;
        }
        stored.mlPerMin = reading.mlPerMin;
        stored.comparator = reading.comparator;
        stored.measuredAt = reading.measuredAt;
        stored.code = reading.code;
        stored.display = reading.display;
        stored.estimate = reading.estimate;
        return true;
    }

    public Optional<RenalReading> bySource(String patientId, String sourceId) {
        return entityManager.createQuery("from RenalReading r where r.patientId = :p and r.sourceId = :s", RenalReading.class)
                .setParameter("p", patientId).setParameter("s", sourceId).getResultList().stream().findFirst();
    }

    public void remove(RenalReading reading) {
        entityManager.remove(reading);
    }

    /** The reading that decides: the latest; at the same time a creatinine clearance before an eGFR. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RenalReading> latest(String patientId) {
        List<RenalReading> latest = entityManager.createQuery(
                "from RenalReading r where r.patientId = :p order by r.measuredAt desc, r.estimate asc, r.id desc", RenalReading.class)
                .setParameter("p", patientId).setMaxResults(1).getResultList();
        return latest.stream().findFirst();
    }

    /** A reading from a prescriber's request: a creatinine clearance now. */
    public static RenalReading fromRequest(String patientId, double mlPerMin, Instant at) {
        RenalReading reading = new RenalReading();
        reading.patientId = patientId;
        reading.sourceId = "request:" + java.util.UUID.randomUUID();
        reading.measuredAt = at;
        reading.mlPerMin = mlPerMin;
        reading.estimate = false;
        return reading;
    }
}
