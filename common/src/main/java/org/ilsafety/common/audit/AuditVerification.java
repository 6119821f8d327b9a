package org.ilsafety.common.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * Walks the audit trail's hash chain in order and reports the first broken link: a row whose content no
 * longer matches its hash ({@code ROW_ALTERED}), a row whose previous hash is not the hash of the row
 * before it ({@code CHAIN_BROKEN}), or a gap in the sequence ({@code ROWS_MISSING}). The last hash is
 * reported too: kept elsewhere (a ticket, a print-out), it also reveals rows cut off at the end.
 */
@ApplicationScoped
public class AuditVerification {
    static final String GENESIS = "0".repeat(64);
    private static final String WALK = "SELECT chain_seq, id, occurred_at, previous_hash, row_hash, audit_event_hash(previous_hash, e) "
            + "FROM audit_event e ORDER BY chain_seq";

    public enum Problem {
        ROW_ALTERED, CHAIN_BROKEN, ROWS_MISSING
    }

    public record BrokenLink(long chainSeq, long auditEventId, Instant occurredAt, Problem problem) {
    }

    public record Result(boolean intact, long rowsChecked, BrokenLink firstBrokenLink, String lastHash, Instant verifiedAt) {
    }

    private final EntityManager entityManager;

    public AuditVerification(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public Result verify() {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement walk = connection.prepareStatement(WALK)) {
                walk.setFetchSize(2_000);
                long checked = 0;
                long expectedSeq = 1;
                String previous = GENESIS;
                try (ResultSet rows = walk.executeQuery()) {
                    while (rows.next()) {
                        long seq = rows.getLong(1);
                        String rowHash = rows.getString(5);
                        Problem problem = seq != expectedSeq ? Problem.ROWS_MISSING
                                : !previous.equals(rows.getString(4)) ? Problem.CHAIN_BROKEN
                                : !rowHash.equals(rows.getString(6)) ? Problem.ROW_ALTERED
                                : null;
                        if (problem != null) {
                            return new Result(false, checked, new BrokenLink(seq, rows.getLong(2), rows.getTimestamp(3).toInstant(), problem),
                                    null, Instant.now());
                        }
                        checked++;
                        expectedSeq = seq + 1;
                        previous = rowHash;
                    }
                }
                return new Result(true, checked, null, previous, Instant.now());
            }
        });
    }
}
