package org.ilsafety.monitoring.lab;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.monitoring.grading.Action;

/** One stored lab or weight result of a patient, with its grade when a therapy was known. */
@Entity
@Table(name = "lab_result")
public class LabResult {
    /** From a sequence handed out 50 at a time, so new results are inserted in JDBC batches at flush. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "lab_result_seq")
    @SequenceGenerator(name = "lab_result_seq", sequenceName = "lab_result_seq", allocationSize = 50)
    public Long id;
    @Column(name = "patient_id", nullable = false)
    public String patientId;
    @Column(name = "observation_id", nullable = false)
    public String observationId;
    @Column(nullable = false)
    public String loinc;
    @Column(nullable = false)
    public String analyte;
    @Column(nullable = false)
    public double value;
    public String unit;
    @Column(name = "reference_high")
    public Double referenceHigh;
    @Column(name = "converted_value")
    public Double convertedValue;
    @Column(name = "converted_unit")
    public String convertedUnit;
    /** The value the band was chosen on: the converted count, or the multiple of the ULN. */
    @Column(name = "scaled_value")
    public Double scaledValue;
    @Column(name = "observed_at", nullable = false)
    public Instant observedAt;
    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
    /** GRADED, UNGRADABLE, NOT_EVALUATED, or NO_THERAPY (stored, not graded: no therapy known). */
    @Column(nullable = false)
    public String status;
    @Column(name = "grading_context")
    public String gradingContext;
    public String band;
    @Enumerated(EnumType.STRING)
    public Action action;
    /** The rule that graded it (columns rule_id, source, knowledge_version); null when not graded. */
    @Embedded
    public Provenance provenance;
    public String message;

    /** The rule that graded it, {@link Provenance#NONE} when not graded. */
    public Provenance provenance() {
        return provenance == null ? Provenance.NONE : provenance;
    }
}
