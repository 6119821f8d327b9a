package org.ilsafety.common.inbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/** The per-patient list of consumed inputs and what came of each ({@code input_record}). */
@ApplicationScoped
public class InputRecords {
    private static final String INSERT = "INSERT INTO input_record (patient_id, topic, position, idempotency_key, resource_type, "
            + "outcome, reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final EntityManager entityManager;

    public InputRecords(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One input: reason is a code (IGNORED, DEAD_LETTERED), never patient data. */
    public record Input(Instant receivedAt, String topic, String position, String idempotencyKey, String resourceType, String outcome,
            String reason) {
    }

    record Row(String patientId, Input input) {
    }

    /** In the caller's transaction, one JDBC batch. */
    void recordAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (var statement = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    Input input = row.input();
                    statement.setString(1, cut(row.patientId(), 255));
                    statement.setString(2, input.topic());
                    statement.setString(3, cut(input.position(), 255));
                    statement.setString(4, cut(input.idempotencyKey(), 512));
                    statement.setString(5, cut(input.resourceType(), 64));
                    statement.setString(6, input.outcome());
                    statement.setString(7, cut(input.reason(), 64));
                    statement.setTimestamp(8, Timestamp.from(input.receivedAt()));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /** The patient's latest inputs first. */
    @SuppressWarnings("unchecked")
    public List<Input> latest(String patientId, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery("SELECT received_at, topic, position, idempotency_key, resource_type, outcome, "
                + "reason FROM input_record WHERE patient_id = ?1 ORDER BY id DESC").setParameter(1, patientId).setMaxResults(limit)
                .getResultList();
        return rows.stream().map(r -> new Input(instant(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6])).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return value instanceof Timestamp timestamp ? timestamp.toInstant() : null;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
