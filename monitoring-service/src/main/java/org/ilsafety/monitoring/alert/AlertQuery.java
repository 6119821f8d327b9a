package org.ilsafety.monitoring.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

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

    private static final String SEVERITY_RANK = "CASE a.severity WHEN org.ilsafety.monitoring.alert.Severity.CRITICAL THEN 0 "
            + "WHEN org.ilsafety.monitoring.alert.Severity.HIGH THEN 1 WHEN org.ilsafety.monitoring.alert.Severity.MODERATE THEN 2 ELSE 3 END, ";

    public record Page(List<Alert> items, long total) {
    }

    public Page find(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.status() != null) {
            where.add("a.status = :status");
            params.put("status", filter.status());
        }
        if (filter.severity() != null) {
            where.add("a.severity = :severity");
            params.put("severity", filter.severity());
        }
        if (filter.type() != null) {
            where.add("a.type = :type");
            params.put("type", filter.type());
        }
        if (filter.patientId() != null) {
            where.add("a.patientId = :patient");
            params.put("patient", filter.patientId());
        }
        if (filter.from() != null) {
            where.add("a.raisedAt >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.add("a.raisedAt < :to");
            params.put("to", filter.to());
        }
        if (filter.ruleId() != null) {
            where.add("a.ruleId = :rule");
            params.put("rule", filter.ruleId());
        }
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        TypedQuery<Alert> query = entityManager.createQuery("SELECT a FROM Alert a" + clause + " ORDER BY "
                + (filter.severityFirst() ? SEVERITY_RANK : "") + "a.raisedAt DESC, a.id", Alert.class);
        TypedQuery<Long> count = entityManager.createQuery("SELECT count(a) FROM Alert a" + clause, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Alert> items = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page(items, count.getSingleResult());
    }
}
