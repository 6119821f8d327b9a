package org.ilsafety.monitoring.screening;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

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

    public static class Key implements Serializable {
        public String patientId;
        public String screen;
        public String observationId;

        public Key() {
        }

        public Key(String patientId, String screen, String observationId) {
            this.patientId = patientId;
            this.screen = screen;
            this.observationId = observationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(patientId, k.patientId) && Objects.equals(screen, k.screen)
                    && Objects.equals(observationId, k.observationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(patientId, screen, observationId);
        }
    }
}
