package org.ilsafety.monitoring.screening;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A pre-treatment screen result (TB, HBV): POSITIVE, NEGATIVE or INDETERMINATE. */
@Entity
@Table(name = "screening_result")
@IdClass(ScreeningResult.Key.class)
public class ScreeningResult {
    @Id
    @Column(name = "patient_id")
    public String patientId;
    @Id
    public String screen;
    @Id
    @Column(name = "observation_id")
    public String observationId;
    @Column(nullable = false)
    public String outcome;
    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;

    public record Key(String patientId, String screen, String observationId) implements Serializable {
    }
}
