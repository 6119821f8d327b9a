package org.ilsafety.common.inbox;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

/**
 * Tells a failure that will pass by itself (database down, lock conflict, serialization failure) from
 * one that will not. Transient failures are retried with backoff, never dead-lettered.
 */
public final class TransientFailure {
    /** SQLSTATE classes: connection exception, transaction rollback, insufficient resources, operator intervention. */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "40", "53", "57");
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    /** Unique and exclusion violations (an exclusion constraint checked at commit reports the latter). */
    private static final Set<String> CONFLICT_SQL_STATES = Set.of("23505", "23P01");

    private TransientFailure() {
    }

    public static boolean is(Throwable failure) {
        return any(failure, t -> {
            if (t instanceof ConnectException || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
            String name = t.getClass().getName();
            return name.endsWith("JDBCConnectionException") || name.endsWith("LockAcquisitionException")
                    || name.endsWith("CannotAcquireLockException");
        });
    }

    /** A unique-key or exclusion violation: two transactions inserted the same row at once; the retry finds it there. */
    public static boolean isConflict(Throwable failure) {
        return any(failure, t -> t instanceof SQLException sql && CONFLICT_SQL_STATES.contains(sql.getSQLState()));
    }

    /**
     * Whether the failure, a cause or a suppressed exception matches: a failure at commit (an exclusion
     * constraint checked then, a lost connection) arrives as the transaction manager's RollbackException with the
     * database's exception suppressed in it.
     */
    private static boolean any(Throwable failure, Predicate<Throwable> test) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return false;
    }

    private static boolean isTransientState(String sqlState) {
        // A pool that cannot hand out a connection reports an SQLException without a state.
        return sqlState == null || LOCK_NOT_AVAILABLE.equals(sqlState)
                || sqlState.length() >= 2 && TRANSIENT_SQL_STATE_CLASSES.contains(sqlState.substring(0, 2));
    }
}
