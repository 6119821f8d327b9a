package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import org.ilsafety.interaction.check.Category;
import org.ilsafety.interaction.check.Severity;

/** Filtered, paged reads of interaction findings across patients, for the worklist and dashboards. */
@ApplicationScoped
public class FindingQuery {
    private static final String SEVERITY_RANK = "CASE f.severity WHEN 'CONTRAINDICATED' THEN 0 WHEN 'MAJOR' THEN 1 WHEN 'MODERATE' THEN 2 ELSE 3 END, ";

    private final EntityManager entityManager;

    public FindingQuery(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** {@code severityFirst}: most severe first, then newest; else newest first. {@code from}/{@code to} apply to openedAt. */
    public record Filter(FindingStatus status, Severity severity, Category category, String ruleId, String patientId, Instant from, Instant to,
            boolean severityFirst) {
    }

    public record Page(List<InteractionFinding> items, long total) {
    }

    public Page find(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.status() != null) {
            where.add(switch (filter.status()) {
                case OPEN -> "f.status = 'OPEN' AND f.acknowledgedAt IS NULL";
                case ACKNOWLEDGED -> "f.status = 'OPEN' AND f.acknowledgedAt IS NOT NULL";
                case CLOSED -> "f.status = 'CLOSED'";
            });
        }
        add(where, params, "f.severity = :severity", "severity", filter.severity() == null ? null : filter.severity().name());
        add(where, params, "f.category = :category", "category", filter.category() == null ? null : filter.category().name());
        add(where, params, "f.ruleId = :rule", "rule", filter.ruleId());
        add(where, params, "f.patientId = :patient", "patient", filter.patientId());
        add(where, params, "f.openedAt >= :from", "from", filter.from());
        add(where, params, "f.openedAt < :to", "to", filter.to());
        String clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        TypedQuery<InteractionFinding> query = entityManager.createQuery("SELECT f FROM InteractionFinding f" + clause + " ORDER BY "
                + (filter.severityFirst() ? SEVERITY_RANK : "") + "f.openedAt DESC, f.id", InteractionFinding.class);
        TypedQuery<Long> count = entityManager.createQuery("SELECT count(f) FROM InteractionFinding f" + clause, Long.class);
        params.forEach((k, v) -> {
            query.setParameter(k, v);
            count.setParameter(k, v);
        });
        return new Page(query.setFirstResult(page * size).setMaxResults(size).getResultList(), count.getSingleResult());
    }

    private static void add(List<String> where, Map<String, Object> params, String condition, String name, Object value) {
        if (value != null) {
            where.add(condition);
            params.put(name, value);
        }
    }
}
