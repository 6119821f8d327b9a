package org.ilsafety.monitoring.alert;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.ilsafety.common.rest.PagedQuery;

/** Filtered, paged reads of alerts for dashboards. */
@ApplicationScoped
public class AlertQuery {
    private final EntityManager entityManager;

    public AlertQuery(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** {@code severityFirst}: most severe first, then newest; else newest first. */
    public record Filter(AlertStatus status, Severity severity, AlertType type, String patientId, Instant from, Instant to, String ruleId,
            boolean severityFirst) {
    }

    /**
     * Most severe first: the same expression as the worklist indexes of {@code V20__worklist_indexes.sql}, written the same
     * way, so PostgreSQL reads a page of the worklist from the index instead of sorting every open alert.
     */
    public static final String SEVERITY_RANK = "CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MODERATE' THEN 2 ELSE 3 END";

    public PagedQuery.Page<Alert> find(Filter filter, int page, int size) {
        PagedQuery paged = new PagedQuery()
                .when("status = ?", filter.status() == null ? null : filter.status().name())
                .when("severity = ?", filter.severity() == null ? null : filter.severity().name())
                .when("type = ?", filter.type() == null ? null : filter.type().name())
                .when("patient_id = ?", filter.patientId())
                .when("raised_at >= ?", filter.from())
                .when("raised_at < ?", filter.to())
                .when("rule_id = ?", filter.ruleId());
        String clause = paged.where();
        return paged.page(entityManager.createNativeQuery("SELECT * FROM alert" + clause + " ORDER BY "
                + (filter.severityFirst() ? SEVERITY_RANK + ", " : "") + "raised_at DESC, id", Alert.class),
                entityManager.createNativeQuery("SELECT count(*) FROM alert" + clause), page, size);
    }
}
