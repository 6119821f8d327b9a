package org.ilsafety.common.therapy;

import org.ilsafety.common.knowledge.Provenance;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.ilsafety.common.events.PlanStatus;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The patient's current interleukin-blocking therapy as monitoring- and interaction-service know it:
 * from the order on patient-events, then kept current by dosing-service's therapy plan events.
 * Each service keeps its own copy in its own schema.
 */
@Entity
@Table(name = "active_therapy")
public class ActiveTherapy {
    @Id
    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "product_id", nullable = false)
    public String productId;

    @Column(name = "molecule_id", nullable = false)
    public String moleculeId;

    public String indication;

    public String route;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PlanStatus status;

    /** The MedicationRequest id of the course's current order (the last active one). */
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "last_dose_at")
    public Instant lastDoseAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The plan rule behind the last plan event (null until dosing-service has said). */
    @Embedded
    @JsonUnwrapped
    public Provenance provenance;

    /** The course goes on: planned, active or interrupted, i.e. neither stopped by an order nor discontinued by the plan. */
    public boolean isCurrent() {
        return status.isCurrent();
    }
}
