package org.ilsafety.common.operations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * What operations watch in this service's own tables: the outbox backlog, consumed events per minute by
 * outcome (from the audit trail's event rows) and the last dead letters with their reason code and record
 * position. Nothing here reads a payload or a patient reference.
 */
@ApplicationScoped
public class OperationsQuery {
    private static final String DEAD_LETTERED = "DEAD_LETTERED";

    private final EntityManager entityManager;

    public OperationsQuery(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Backlog(long events, Instant oldestCreatedAt) {
    }

    /** {@code outcome}: APPLIED or DEAD_LETTERED; {@code reason}: the dead letter's reason code, else null. */
    public record MinuteCount(Instant minute, String outcome, String reason, long events) {
    }

    public record DeadLetter(Instant at, String reasonCode, String topic, Integer partition, Long offset) {
    }

    @Transactional
    public Backlog outboxBacklog() {
        Object[] row = (Object[]) entityManager.createNativeQuery("SELECT count(*), min(created_at) FROM outbox_event").getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), instant(row[1]));
    }

    @Transactional
    public List<MinuteCount> eventsPerMinute(int minutes) {
        List<?> rows = entityManager.createNativeQuery("SELECT date_trunc('minute', occurred_at), outcome, count(*) FROM audit_event "
                + "WHERE channel = 'EVENT' AND occurred_at >= now() - make_interval(mins => ?1) GROUP BY 1, 2 ORDER BY 1, 2")
                .setParameter(1, minutes).getResultList();
        return rows.stream().map(Object[].class::cast).map(r -> {
            String outcome = (String) r[1];
            boolean dead = outcome.startsWith(DEAD_LETTERED);
            return new MinuteCount(instant(r[0]), dead ? DEAD_LETTERED : outcome, dead ? outcome.substring(DEAD_LETTERED.length()).trim() : null,
                    ((Number) r[2]).longValue());
        }).toList();
    }

    @Transactional
    public List<DeadLetter> lastDeadLetters(int limit) {
        List<?> rows = entityManager.createNativeQuery("SELECT occurred_at, outcome, target FROM audit_event "
                + "WHERE channel = 'EVENT' AND outcome LIKE 'DEAD_LETTERED%' ORDER BY id DESC LIMIT ?1")
                .setParameter(1, limit).getResultList();
        return rows.stream().map(Object[].class::cast).map(r -> deadLetter(instant(r[0]), (String) r[1], (String) r[2])).toList();
    }

    /** {@code target} is {@code topic-partition@offset}, possibly followed by the decisions it caused. */
    static DeadLetter deadLetter(Instant at, String outcome, String target) {
        String reason = outcome.substring(DEAD_LETTERED.length()).trim();
        String position = target == null ? "" : target.split(" ", 2)[0];
        int at1 = position.lastIndexOf('@');
        int dash = at1 < 0 ? -1 : position.lastIndexOf('-', at1);
        if (dash < 0) {
            return new DeadLetter(at, reason, null, null, null);
        }
        try {
            return new DeadLetter(at, reason, position.substring(0, dash), Integer.parseInt(position.substring(dash + 1, at1)),
                    Long.parseLong(position.substring(at1 + 1)));
        } catch (NumberFormatException e) {
            return new DeadLetter(at, reason, null, null, null);
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected time type " + value.getClass().getName());
    }
}
