package org.ilsafety.common.audit;

import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Appends to this service's audit trail ({@code audit_event}). Inside a transaction the rows commit or
 * roll back with the change they describe; outside one they are written in their own.
 */
@ApplicationScoped
public class AuditTrail {
    private static final String INSERT = "INSERT INTO audit_event (occurred_at, subject, roles, channel, action, "
            + "patient_pseudonym, target, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final EntityManager entityManager;

    public AuditTrail(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public void record(AuditEntry entry) {
        recordAll(List.of(entry));
    }

    /** One JDBC batch for many rows (a poll's events). */
    @Transactional
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement(INSERT)) {
                for (AuditEntry entry : entries) {
                    statement.setTimestamp(1, Timestamp.from(entry.occurredAt()));
                    statement.setString(2, truncate(entry.subject(), 255));
                    statement.setString(3, truncate(entry.roles(), 255));
                    statement.setString(4, entry.channel().name());
                    statement.setString(5, truncate(entry.action(), 512));
                    statement.setString(6, truncate(entry.patientPseudonym(), 64));
                    statement.setString(7, truncate(entry.target(), 255));
                    statement.setString(8, truncate(entry.outcome(), 64));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** Control characters (PostgreSQL refuses NUL in text) become '?'; the audit row must never fail. */
    private static String truncate(String value, int max) {
        if (value == null) {
            return null;
        }
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max);
    }
}
