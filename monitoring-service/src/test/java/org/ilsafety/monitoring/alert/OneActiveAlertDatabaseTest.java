package org.ilsafety.monitoring.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.ilsafety.common.inbox.TransientFailure;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * One active alert per condition is checked when the transaction commits: within a transaction a new alert may
 * be written before the resolution of the old one, but two active alerts never commit, and the refusal is a
 * conflict the inbound processor retries.
 */
@QuarkusTest
class OneActiveAlertDatabaseTest {
    @Inject
    EntityManager entityManager;

    @Test
    void anAlertResolvedAfterItsSuccessorWasWrittenCommits() {
        String patient = "one-active-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            insertOpen(first, patient);
            insertOpen(UUID.randomUUID(), patient);
            entityManager.createNativeQuery("UPDATE alert SET status = 'RESOLVED' WHERE id = :id").setParameter("id", first).executeUpdate();
        });
        Number active = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM alert WHERE patient_id = :patient AND status = 'OPEN'").setParameter("patient", patient).getSingleResult());
        assertEquals(1, active.intValue());
    }

    @Test
    void twoActiveAlertsForOneConditionNeverCommitAndTheRefusalIsAConflict() {
        String patient = "one-active-" + UUID.randomUUID();
        RuntimeException refused = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            insertOpen(UUID.randomUUID(), patient);
            insertOpen(UUID.randomUUID(), patient);
        }));
        assertTrue(TransientFailure.isConflict(refused), "retried as a conflict, not dead-lettered: " + refused);
        Number stored = QuarkusTransaction.requiringNew().call(() -> (Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM alert WHERE patient_id = :patient").setParameter("patient", patient).getSingleResult());
        assertEquals(0, stored.intValue());
    }

    private void insertOpen(UUID id, String patient) {
        entityManager.createNativeQuery("""
                INSERT INTO alert (id, patient_id, type, subject, status, severity, message, occurrences, raised_at, updated_at, version)
                VALUES (:id, :patient, 'LAB_ABNORMAL', 'ANC', 'OPEN', 'HIGH', 'test', 1, now(), now(), 0)""")
                .setParameter("id", id).setParameter("patient", patient).executeUpdate();
    }
}
