package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.patient.PatientResourceKey;
import org.ilsafety.interaction.check.ConditionInput;

/** The patient's medicines, vaccinations, conditions and allergies as this service knows them. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PatientRecords {
    private final EntityManager entityManager;

    public PatientRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void recordMedication(String patientId, String resourceRef, String name, String rxnorm, String atc, String fhirStatus,
            boolean active) {
        PatientMedication medication = entityManager.find(PatientMedication.class, new PatientResourceKey(patientId, resourceRef));
        boolean isNew = medication == null;
        if (isNew) {
            medication = new PatientMedication();
            medication.patientId = patientId;
            medication.resourceRef = resourceRef;
        }
        medication.name = name;
        medication.rxnorm = rxnorm;
        medication.atc = atc;
        medication.fhirStatus = fhirStatus;
        medication.active = active;
        medication.updatedAt = Instant.now();
        if (isNew) {
            entityManager.persist(medication);
        }
    }

    /** Marks a stored medicine inactive (a stopped order); does nothing when it was never stored. */
    public void deactivateMedication(String patientId, String resourceRef, String fhirStatus) {
        PatientMedication medication = entityManager.find(PatientMedication.class, new PatientResourceKey(patientId, resourceRef));
        if (medication != null) {
            medication.active = false;
            medication.fhirStatus = fhirStatus;
            medication.updatedAt = Instant.now();
        }
    }

    public void recordImmunization(String patientId, String resourceRef, String cvx, String name, LocalDate date, String fhirStatus,
            boolean active) {
        PatientImmunization immunization = entityManager.find(PatientImmunization.class, new PatientResourceKey(patientId, resourceRef));
        boolean isNew = immunization == null;
        if (isNew) {
            immunization = new PatientImmunization();
            immunization.patientId = patientId;
            immunization.resourceRef = resourceRef;
        }
        immunization.cvx = cvx;
        immunization.name = name;
        immunization.occurrenceDate = date;
        immunization.fhirStatus = fhirStatus;
        immunization.active = active;
        immunization.updatedAt = Instant.now();
        if (isNew) {
            entityManager.persist(immunization);
        }
    }

    /**
     * Keeps the latest version of a Condition or AllergyIntolerance; a removed or closed one stays inactive. False when
     * {@code recorded} is older than the version kept (nothing changes).
     */
    public boolean recordCondition(String patientId, RecordedConditions.Recorded recorded) {
        PatientCondition condition = entityManager.find(PatientCondition.class, new PatientResourceKey(patientId, recorded.ref()));
        if (condition == null) {
            condition = new PatientCondition();
            condition.patientId = patientId;
            condition.resourceRef = recorded.ref();
            condition.allergy = recorded.allergy();
            condition.keep(recorded);
            entityManager.persist(condition);
            return true;
        }
        return condition.keep(recorded);
    }

    /**
     * Keeps a reading of a status (pregnancy, breastfeeding) as the row of its Observation. False (nothing changes) when
     * it is older than the latest reading of the same status from another Observation, or an older version of the one kept.
     * A reading that ends the status ("not pregnant") closes every earlier reading of it; a void Observation
     * (entered-in-error) removes its own reading only. A pregnancy Condition is not closed by an Observation: the EHR
     * resolves it.
     */
    public boolean recordObservedStatus(String patientId, ObservedStatuses.Reading reading) {
        List<PatientCondition> readings = entityManager.createQuery("FROM PatientCondition c WHERE c.patientId = :p AND c.observedKind = :k",
                PatientCondition.class).setParameter("p", patientId).setParameter("k", reading.kind()).getResultList();
        String ref = reading.recorded().ref();
        boolean older = readings.stream().anyMatch(r -> !r.resourceRef.equals(ref) && r.observedAt.isAfter(reading.at()));
        if (older && reading.status() != ObservationFacts.Status.VOID) {
            return false;
        }
        if (!recordCondition(patientId, reading.recorded())) {
            return false;
        }
        PatientCondition row = entityManager.find(PatientCondition.class, new PatientResourceKey(patientId, ref));
        row.observedKind = reading.kind();
        row.observedAt = reading.at();
        if (reading.answer() == ObservedStatuses.Answer.ENDS && reading.status() != ObservationFacts.Status.VOID) {
            for (PatientCondition earlier : readings) {
                if (!earlier.resourceRef.equals(ref) && earlier.active) {
                    earlier.active = false;
                    earlier.state = RecordedConditions.State.INACTIVE.name();
                    earlier.updatedAt = Instant.now();
                }
            }
        }
        return true;
    }

    /**
     * The patient context for a check: the Conditions and AllergyIntolerances that hold, and the resolved ones (a
     * history counts for some condition sets); entered-in-error and refuted ones never.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ConditionInput> contextConditions(String patientId) {
        return entityManager.createQuery("FROM PatientCondition c WHERE c.patientId = :p AND (c.active = true OR c.state = :resolved) "
                + "ORDER BY c.resourceRef", PatientCondition.class).setParameter("p", patientId)
                .setParameter("resolved", RecordedConditions.State.INACTIVE.name()).getResultList().stream()
                .flatMap(c -> c.inputs().stream()).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PatientMedication> activeMedications(String patientId) {
        return entityManager.createQuery("FROM PatientMedication m WHERE m.patientId = :p AND m.active = true ORDER BY m.resourceRef",
                PatientMedication.class).setParameter("p", patientId).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PatientImmunization> activeImmunizations(String patientId) {
        return entityManager.createQuery("FROM PatientImmunization i WHERE i.patientId = :p AND i.active = true ORDER BY i.resourceRef",
                PatientImmunization.class).setParameter("p", patientId).getResultList();
    }
}
