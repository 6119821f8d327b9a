package org.ilsafety.monitoring.schedule;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** When a patient's next test of one lab group (BLOOD_COUNT, LIVER, LIPIDS) is due and overdue. */
@Entity
@Table(name = "lab_schedule")
@IdClass(LabSchedule.Key.class)
public class LabSchedule {
    @Id
    @Column(name = "patient_id")
    public String patientId;
    @Id
    @Column(name = "lab_group")
    public String labGroup;
    @Column(name = "schedule_id", nullable = false)
    public String scheduleId;
    @Column(name = "rule_id", nullable = false)
    public String ruleId;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "last_result_at")
    public Instant lastResultAt;
    /** Null when the schedule asks for no further test. */
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "overdue_at")
    public Instant overdueAt;
    @Column(name = "due_alerted", nullable = false)
    public boolean dueAlerted;
    @Column(name = "overdue_alerted", nullable = false)
    public boolean overdueAlerted;
    @Column(nullable = false)
    public boolean active;

    public record Key(String patientId, String labGroup) implements Serializable {
    }
}
