package org.ilsafety.monitoring.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

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

    public record Page(List<Alert> items, long total) {
    }

    public Page find(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        condition(where, params, "status = ?", filter.status() == null ? null : filter.status().name());
        condition(where, params, "severity = ?", filter.severity() == null ? null : filter.severity().name());
        condition(where, params, "type = ?", filter.type() == null ? null : filter.type().name());
        condition(where, params, "patient_id = ?", filter.patientId());
        condition(where, params, "raised_at >= ?", filter.from());
        condition(where, params, "raised_at < ?", filter.to());
        condition(where, params, "rule_id = ?", filter.ruleId());
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Query query = entityManager.createNativeQuery("SELECT * FROM alert" + clause + " ORDER BY "
                + (filter.severityFirst() ? SEVERITY_RANK + ", " : "") + "raised_at DESC, id", Alert.class);
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM alert" + clause);
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
            count.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Alert> items = query.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }

    private static void condition(List<String> where, List<Object> params, String sql, Object value) {
        if (value != null) {
            params.add(value);
            where.add(sql.replace("?", "?" + params.size()));
        }
    }
}
