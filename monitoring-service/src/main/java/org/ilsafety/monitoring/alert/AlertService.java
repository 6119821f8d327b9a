package org.ilsafety.monitoring.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.problem.ProblemException;

/**
 * The alert lifecycle. One active alert per (patient, type, subject): a worse finding escalates it, an
 * equal or milder one only counts another occurrence. Every change goes out on the monitoring topic.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AlertService {
    /** Who resolved an alert that the service itself resolved (a newer result, a screen, the end of the therapy). */
    public static final String SYSTEM = "system";
    private final EntityManager entityManager;
    private final Outbox outbox;

    public AlertService(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Raises an alert, or escalates / counts the active one for the same condition. */
    public Alert raise(AlertRequest request) {
        return raise(request, active(request.condition()));
    }

    /** As {@link #raise(AlertRequest)}, with the active alert for the condition already known ({@code existing}). */
    public Alert raise(AlertRequest request, Optional<Alert> existing) {
        Instant now = Instant.now();
        if (existing.isPresent()) {
            Alert alert = existing.get();
            alert.occurrences++;
            alert.lastObservedAt = request.finding().observedAt();
            alert.updatedAt = now;
            if (request.finding().severity().compareTo(alert.severity) > 0) {
                describe(alert, request);
                alert.requiresIndividualReview |= request.finding().requiresIndividualReview();
                alert.status = AlertStatus.OPEN;
                publish(alert, MonitoringEvent.AlertChange.ESCALATED, "Escalated: " + alert.message);
            }
            return alert;
        }
        Alert alert = new Alert();
        alert.id = UUID.randomUUID();
        alert.patientId = request.patientId();
        alert.type = request.type();
        alert.subject = request.subject();
        alert.analyte = request.finding().analyte();
        alert.status = AlertStatus.OPEN;
        describe(alert, request);
        alert.requiresIndividualReview = request.finding().requiresIndividualReview();
        alert.occurrences = 1;
        alert.raisedAt = now;
        alert.updatedAt = now;
        alert.lastObservedAt = request.finding().observedAt();
        entityManager.persist(alert);
        publish(alert, MonitoringEvent.AlertChange.RAISED, alert.message);
        return alert;
    }

    /** Resolves the active alert for the condition, if there is one. */
    public Optional<Alert> resolve(AlertCondition condition, String by, String resolution) {
        Optional<Alert> alert = active(condition);
        alert.ifPresent(a -> resolve(a, by, resolution));
        return alert;
    }

    public Alert resolve(Alert alert, String by, String resolution) {
        if (alert.status == AlertStatus.RESOLVED) {
            throw ProblemException.unprocessable("status", "The alert is already resolved");
        }
        alert.status = AlertStatus.RESOLVED;
        alert.resolvedAt = Instant.now();
        alert.resolvedBy = by;
        alert.resolution = resolution;
        alert.updatedAt = alert.resolvedAt;
        publish(alert, MonitoringEvent.AlertChange.RESOLVED, "Resolved: " + resolution);
        return alert;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Alert acknowledge(UUID id, String by, String reason) {
        Alert alert = find(id).orElseThrow(() -> ProblemException.notFound("No alert with this id"));
        if (alert.status == AlertStatus.RESOLVED) {
            throw ProblemException.unprocessable("status", "A resolved alert cannot be acknowledged");
        }
        if (alert.status == AlertStatus.ACKNOWLEDGED) {
            return alert;
        }
        alert.status = AlertStatus.ACKNOWLEDGED;
        alert.acknowledgedBy = by;
        alert.acknowledgedAt = Instant.now();
        alert.acknowledgementReason = reason;
        alert.updatedAt = alert.acknowledgedAt;
        publish(alert, MonitoringEvent.AlertChange.ACKNOWLEDGED, "Acknowledged: " + alert.message);
        return alert;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Alert resolveByPerson(UUID id, String by, String reason) {
        Alert alert = find(id).orElseThrow(() -> ProblemException.notFound("No alert with this id"));
        return resolve(alert, by, reason == null || reason.isBlank() ? "Resolved by a person" : reason);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Alert> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Alert.class, id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Alert> active(AlertCondition condition) {
        return entityManager.createQuery("""
                SELECT a FROM Alert a WHERE a.patientId = :patient AND a.type = :type AND a.subject = :subject
                AND a.status <> org.ilsafety.monitoring.alert.AlertStatus.RESOLVED""", Alert.class)
                .setParameter("patient", condition.patientId()).setParameter("type", condition.type())
                .setParameter("subject", condition.subject())
                .getResultStream().filter(a -> a.status != AlertStatus.RESOLVED).findFirst(); // resolved in this transaction, not yet written
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Alert> activeOfType(String patientId, AlertType type) {
        return entityManager.createQuery("""
                SELECT a FROM Alert a WHERE a.patientId = :patient AND a.type = :type
                AND a.status <> org.ilsafety.monitoring.alert.AlertStatus.RESOLVED""", Alert.class)
                .setParameter("patient", patientId).setParameter("type", type).getResultList();
    }

    /** What the alert says: severity, action, message and the rule behind them. */
    private static void describe(Alert alert, AlertRequest request) {
        alert.severity = request.finding().severity();
        alert.action = request.finding().action();
        alert.message = request.finding().message();
        alert.provenance = request.provenance();
    }

    private void publish(Alert alert, MonitoringEvent.AlertChange change, String message) {
        outbox.publish(Topics.MONITORING_EVENTS, alert.patientId, MonitoringEvent.TYPE_ALERT, new MonitoringEvent(alert.patientId,
                MonitoringEvent.Kind.ALERT, alert.id.toString(), alert.type.name(), alert.status.name(), change, alert.severity.name(),
                alert.action == null ? null : alert.action.name(), alert.analyte, alert.requiresIndividualReview, message,
                alert.lastObservedAt, alert.provenance()));
    }
}
