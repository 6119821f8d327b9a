package org.ilsafety.dosing.allergy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.patient.PatientResourceKey;

/** The patient's recorded allergies as this service keeps them (the latest version of each AllergyIntolerance). */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PatientAllergies {
    private final EntityManager entityManager;

    public PatientAllergies(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Keeps the allergy's latest version; false when {@code recorded} is older than the version kept (nothing changes). */
    public boolean record(String patientId, RecordedConditions.Recorded recorded) {
        PatientAllergy allergy = entityManager.find(PatientAllergy.class, new PatientResourceKey(patientId, recorded.ref()));
        if (allergy == null) {
            allergy = new PatientAllergy();
            allergy.patientId = patientId;
            allergy.resourceRef = recorded.ref();
            allergy.keep(recorded);
            entityManager.persist(allergy);
            return true;
        }
        return allergy.keep(recorded);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RecordedConditions.Recorded> active(String patientId) {
        return entityManager.createQuery("FROM PatientAllergy a WHERE a.patientId = :p AND a.active = true ORDER BY a.resourceRef",
                PatientAllergy.class).setParameter("p", patientId).getResultList().stream().map(a -> a.recorded(a.resourceRef, true)).toList();
    }
}
