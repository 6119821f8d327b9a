package org.ilsafety.common.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.rest.PagedQuery;

/** Reads the audit trail, newest first, by patient pseudonym, subject and time range. */
@ApplicationScoped
public class AuditQuery {
    public record Filter(String patientPseudonym, String subject, Instant from, Instant to) {
    }

    public record Page(List<AuditEntry> entries, int page, int size, long total) {
    }

    private final EntityManager entityManager;

    public AuditQuery(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public Page find(Filter filter, int page, int size) {
        PagedQuery paged = new PagedQuery()
                .when("patient_pseudonym = ?", filter.patientPseudonym())
                .when("subject = ?", filter.subject())
                .when("occurred_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()))
                .when("occurred_at < ?", filter.to() == null ? null : Timestamp.from(filter.to()));
        String where = paged.where();
        PagedQuery.Page<Object[]> rows = paged.page(entityManager.createNativeQuery("SELECT occurred_at, subject, roles, channel, action, "
                + "patient_pseudonym, target, outcome FROM audit_event" + where + " ORDER BY id DESC"),
                entityManager.createNativeQuery("SELECT count(*) FROM audit_event" + where), page, size);
        return new Page(rows.items().stream().map(AuditQuery::entry).toList(), page, size, rows.total());
    }

    private static AuditEntry entry(Object[] columns) {
        return new AuditEntry(instant(columns[0]), (String) columns[1], (String) columns[2], AuditEntry.Channel.valueOf((String) columns[3]),
                (String) columns[4], (String) columns[5], (String) columns[6], (String) columns[7]);
    }

    private static Instant instant(Object column) {
        if (column instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (column instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) column;
    }
}
