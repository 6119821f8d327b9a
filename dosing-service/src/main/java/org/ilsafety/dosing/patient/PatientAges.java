package org.ilsafety.dosing.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Birth dates per patient and the age in years they give at a moment. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PatientAges {
    private final EntityManager entityManager;

    public PatientAges(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Stores the birth date; true when it is new or changed. */
    public boolean record(String patientId, LocalDate birthDate) {
        PatientBirthDate known = entityManager.find(PatientBirthDate.class, patientId);
        if (known == null) {
            known = new PatientBirthDate();
            known.patientId = patientId;
            known.birthDate = birthDate;
            entityManager.persist(known);
            return true;
        }
        if (known.birthDate.equals(birthDate)) {
            return false;
        }
        known.birthDate = birthDate;
        return true;
    }

    /** Age in whole years plus the fraction of the current year, at {@code at}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Double> ageYears(String patientId, Instant at) {
        PatientBirthDate known = entityManager.find(PatientBirthDate.class, patientId);
        return known == null ? Optional.empty() : Optional.of(ageYears(known.birthDate, at.atZone(ZoneOffset.UTC).toLocalDate()));
    }

    public static double ageYears(LocalDate birthDate, LocalDate on) {
        Period period = Period.between(birthDate, on);
        LocalDate lastBirthday = birthDate.plusYears(period.getYears());
        double yearLength = lastBirthday.lengthOfYear();
        return period.getYears() + (on.toEpochDay() - lastBirthday.toEpochDay()) / yearLength;
    }
}
