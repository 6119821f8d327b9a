package org.ilsafety.interaction.patient;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.ilsafety.common.rest.PagedQuery;
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

    public PagedQuery.Page<InteractionFinding> find(Filter filter, int page, int size) {
        PagedQuery paged = new PagedQuery();
        if (filter.status() != null) {
            paged.always(switch (filter.status()) {
                case OPEN -> "f.status = 'OPEN' AND f.acknowledgedAt IS NULL";
                case ACKNOWLEDGED -> "f.status = 'OPEN' AND f.acknowledgedAt IS NOT NULL";
                case CLOSED -> "f.status = 'CLOSED'";
            });
        }
        paged.when("f.severity = ?", filter.severity() == null ? null : filter.severity().name())
                .when("f.category = ?", filter.category() == null ? null : filter.category().name())
                .when("f.provenance.ruleId = ?", filter.ruleId())
                .when("f.patientId = ?", filter.patientId())
                .when("f.openedAt >= ?", filter.from())
                .when("f.openedAt < ?", filter.to());
        String clause = paged.where();
        return paged.page(entityManager.createQuery("SELECT f FROM InteractionFinding f" + clause + " ORDER BY "
                + (filter.severityFirst() ? SEVERITY_RANK : "") + "f.openedAt DESC, f.id", InteractionFinding.class),
                entityManager.createQuery("SELECT count(f) FROM InteractionFinding f" + clause, Long.class), page, size);
    }
}
