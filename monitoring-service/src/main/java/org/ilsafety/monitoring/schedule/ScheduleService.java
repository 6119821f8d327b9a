package org.ilsafety.monitoring.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertService;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Schedules;

/**
 * Opens a patient's lab schedule when the therapy starts, moves it on with every result of a group,
 * closes it when the therapy ends, and raises LAB_DUE and LAB_OVERDUE alerts as time passes.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ScheduleService {
    private final EntityManager entityManager;
    private final MonitoringKnowledge knowledge;
    private final AlertService alerts;

    public ScheduleService(EntityManager entityManager, MonitoringKnowledge knowledge, AlertService alerts) {
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.alerts = alerts;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Schedules.Schedule> scheduleFor(String drug, String indication, String route) {
        return knowledge.schedules().content().schedules().stream()
                .filter(s -> s.drug().equalsIgnoreCase(drug) && s.indications().contains(indication) && s.coversRoute(route)).findFirst();
    }

    /** Opens (or re-opens from a new start) the schedule of every lab group for the therapy. */
    public void open(ActiveTherapy therapy) {
        Instant start = therapy.startedAt != null ? therapy.startedAt : Instant.now();
        Optional<Schedules.Schedule> schedule = scheduleFor(therapy.moleculeId, therapy.indication, therapy.route);
        if (schedule.isEmpty()) {
            return;
        }
        for (Schedules.Group group : schedule.get().groups()) {
            LabSchedule row = entityManager.find(LabSchedule.class, new LabSchedule.Key(therapy.patientId, group.group()));
            if (row != null && row.active && row.startedAt.equals(start) && row.scheduleId.equals(schedule.get().id())) {
                continue;
            }
            boolean isNew = row == null;
            if (isNew) {
                row = new LabSchedule();
                row.patientId = therapy.patientId;
                row.labGroup = group.group();
            }
            row.scheduleId = schedule.get().id();
            row.ruleId = group.ruleId();
            row.startedAt = start;
            row.active = true;
            row.lastResultAt = row.lastResultAt != null && !row.lastResultAt.isBefore(start) ? row.lastResultAt : null;
            moveOn(row, group);
            if (isNew) {
                entityManager.persist(row);
            }
        }
    }

    /** A result of {@code labGroup} arrived: the next test is counted from it, and due alerts are resolved. */
    public void recordResult(String patientId, String labGroup, Instant observedAt) {
        if (labGroup == null) {
            return;
        }
        recordResult(entityManager.find(LabSchedule.class, new LabSchedule.Key(patientId, labGroup)), observedAt);
    }

    /** As {@link #recordResult(String, String, Instant)}, with the group's schedule row already read (null when there is none). */
    public void recordResult(LabSchedule row, Instant observedAt) {
        if (row == null || !row.active || (row.lastResultAt != null && !observedAt.isAfter(row.lastResultAt))) {
            return;
        }
        String patientId = row.patientId;
        String labGroup = row.labGroup;
        boolean alerted = row.dueAlerted || row.overdueAlerted;
        row.lastResultAt = observedAt;
        group(row).ifPresent(group -> moveOn(row, group));
        if (alerted) {
            String resolution = "A " + labGroup + " result arrived";
            alerts.resolve(new AlertCondition(patientId, AlertType.LAB_DUE, labGroup), AlertService.SYSTEM, resolution);
            alerts.resolve(new AlertCondition(patientId, AlertType.LAB_OVERDUE, labGroup), AlertService.SYSTEM, resolution);
        }
    }

    /** The therapy ended: no more tests are due, and open due alerts are resolved. */
    public void close(String patientId) {
        for (LabSchedule row : rows(patientId)) {
            row.active = false;
            alerts.resolve(new AlertCondition(patientId, AlertType.LAB_DUE, row.labGroup), AlertService.SYSTEM, "The therapy ended");
            alerts.resolve(new AlertCondition(patientId, AlertType.LAB_OVERDUE, row.labGroup), AlertService.SYSTEM, "The therapy ended");
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LabSchedule> rows(String patientId) {
        return entityManager.createQuery("SELECT s FROM LabSchedule s WHERE s.patientId = :patient ORDER BY s.labGroup", LabSchedule.class)
                .setParameter("patient", patientId).getResultList();
    }

    /** Rows whose due or overdue instant has passed without an alert yet, locked for this check. */
    public List<LabSchedule> pending(Instant now, int limit) {
        return entityManager.createQuery("""
                SELECT s FROM LabSchedule s WHERE s.active = true AND
                ((s.dueAt <= :now AND s.dueAlerted = false) OR (s.overdueAt <= :now AND s.overdueAlerted = false))
                ORDER BY s.dueAt""", LabSchedule.class)
                .setParameter("now", now).setMaxResults(limit).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2).getResultList();
    }

    /** Raises the alert a row calls for at {@code now}; returns the number of alerts raised. */
    public int alert(LabSchedule row, Instant now) {
        String version = knowledge.schedules().version();
        String source = scheduleSource(row.scheduleId);
        if (row.overdueAt != null && !row.overdueAt.isAfter(now) && !row.overdueAlerted) {
            row.overdueAlerted = true;
            row.dueAlerted = true;
            alerts.resolve(new AlertCondition(row.patientId, AlertType.LAB_DUE, row.labGroup), AlertService.SYSTEM, "Superseded by LAB_OVERDUE");
            alerts.raise(new AlertRequest(new AlertCondition(row.patientId, AlertType.LAB_OVERDUE, row.labGroup), new AlertFinding(row.labGroup,
                    Action.MONITOR, Severity.MODERATE, row.labGroup + " tests are overdue (due since " + row.dueAt + "): order them now." + note(row),
                    false, now), new Provenance(row.ruleId, source, version)));
            return 1;
        }
        if (row.dueAt != null && !row.dueAt.isAfter(now) && !row.dueAlerted) {
            row.dueAlerted = true;
            alerts.raise(new AlertRequest(new AlertCondition(row.patientId, AlertType.LAB_DUE, row.labGroup), new AlertFinding(row.labGroup,
                    Action.MONITOR, Severity.LOW, row.labGroup + " tests are due: order them before " + row.overdueAt + "." + note(row), false, now),
                    new Provenance(row.ruleId, source, version)));
            return 1;
        }
        return 0;
    }

    private void moveOn(LabSchedule row, Schedules.Group group) {
        Optional<DueDates.Due> due = DueDates.next(group, row.startedAt, row.lastResultAt);
        row.dueAt = due.map(DueDates.Due::dueAt).orElse(null);
        row.overdueAt = due.map(DueDates.Due::overdueAt).orElse(null);
        row.dueAlerted = false;
        row.overdueAlerted = false;
    }

    private Optional<Schedules.Group> group(LabSchedule row) {
        return knowledge.schedules().content().schedules().stream().filter(s -> s.id().equals(row.scheduleId))
                .flatMap(s -> s.groups().stream()).filter(g -> g.group().equals(row.labGroup)).findFirst();
    }

    private String note(LabSchedule row) {
        return group(row).map(Schedules.Group::noteSuffix).orElse("");
    }

    private String scheduleSource(String scheduleId) {
        return knowledge.schedules().content().schedules().stream().filter(s -> s.id().equals(scheduleId))
                .map(Schedules.Schedule::source).findFirst().orElse(null);
    }
}
