package org.ilsafety.common.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

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
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        condition(conditions, parameters, "patient_pseudonym = :patient", "patient", filter.patientPseudonym());
        condition(conditions, parameters, "subject = :subject", "subject", filter.subject());
        condition(conditions, parameters, "occurred_at >= :from", "from", filter.from() == null ? null : Timestamp.from(filter.from()));
        condition(conditions, parameters, "occurred_at < :to", "to", filter.to() == null ? null : Timestamp.from(filter.to()));
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM audit_event" + where);
        Query rows = entityManager.createNativeQuery("SELECT occurred_at, subject, roles, channel, action, patient_pseudonym, "
                + "target, outcome FROM audit_event" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset");
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            rows.setParameter(name, value);
        });
        rows.setParameter("limit", size).setParameter("offset", (long) page * size);
        List<AuditEntry> entries = new ArrayList<>();
        for (Object row : rows.getResultList()) {
            Object[] columns = (Object[]) row;
            entries.add(new AuditEntry(instant(columns[0]), (String) columns[1], (String) columns[2],
                    AuditEntry.Channel.valueOf((String) columns[3]), (String) columns[4], (String) columns[5], (String) columns[6],
                    (String) columns[7]));
        }
        return new Page(entries, page, size, ((Number) count.getSingleResult()).longValue());
    }

    private static void condition(List<String> conditions, Map<String, Object> parameters, String sql, String name, Object value) {
        if (value != null) {
            conditions.add(sql);
            parameters.put(name, value);
        }
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
