package org.ilsafety.dosing.plan;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One dose given to a patient. */
@Entity
@Table(name = "plan_administration")
public class Administration {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "patient_id", nullable = false)
    public String patientId;

    @Column(name = "source_id", nullable = false)
    public String sourceId;

    @Column(name = "administered_at", nullable = false)
    public Instant administeredAt;

    @Column(name = "dose_mg")
    public Double doseMg;

    public String route;

    @Column(name = "product_id")
    public String productId;

    @Column(name = "dose_number", nullable = false)
    public int doseNumber;
}
