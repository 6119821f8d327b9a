package org.ilsafety.common.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.sql.SQLException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientFailureTest {

    @ParameterizedTest(name = "SQLSTATE {0} transient: {1}")
    @CsvSource({
            "08006, true",   // connection failure
            "08001, true",   // cannot connect
            "40001, true",   // serialization failure
            "40P01, true",   // deadlock
            "53300, true",   // too many connections
            "57P01, true",   // admin shutdown (database restart)
            "55P03, true",   // lock not available
            "23505, false",  // unique violation: a bug or bad data, never retried forever
            "42P01, false",  // undefined table
            "22P02, false"   // invalid text representation
    })
    void sqlStatesAreClassified(String sqlState, boolean transientFailure) {
        Exception wrapped = new PersistenceException("wrapped", new SQLException("failure", sqlState));
        assertEquals(transientFailure, TransientFailure.is(wrapped));
    }

    @ParameterizedTest(name = "SQLSTATE {0} at commit: transient {1}, conflict {2}")
    @CsvSource({
            "08006, true, false",  // the connection lost while committing
            "40001, true, false",  // serialization failure found at commit
            "23P01, false, true",  // an exclusion constraint checked at commit
            "23505, false, true",  // a deferred unique constraint
            "23503, false, false"  // a foreign key: bad data, not a race
    })
    void aFailureAtCommitIsFoundSuppressedInTheTransactionManagersException(String sqlState, boolean transientFailure, boolean conflict) {
        // As Narayana reports a failed commit: RollbackException, the resource's XAException suppressed in it.
        Exception resource = new Exception("commit failed", new SQLException("failure", sqlState));
        Exception rollback = new Exception("Could not commit transaction");
        rollback.addSuppressed(resource);
        Exception thrown = new RuntimeException(rollback);
        assertEquals(transientFailure, TransientFailure.is(thrown));
        assertEquals(conflict, TransientFailure.isConflict(thrown));
    }

    @Test
    void aRefusedConnectionAndAPoolTimeoutAreTransientAnIllegalStateIsNot() {
        assertEquals(true, TransientFailure.is(new RuntimeException(new ConnectException("refused"))));
        assertEquals(true, TransientFailure.is(new RuntimeException(new SQLException("Acquisition timeout"))));
        assertEquals(false, TransientFailure.is(new IllegalStateException("bug")));
    }
}
