package org.ilsafety.common.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.ilsafety.common.security.Caller;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Unauthenticated refusals (401, and 429 from the address throttle) are audited as counts per window
 * ({@link RefusedRequestsJob}: {@code suite.jobs.refused-requests.every}, 5 s by default) instead of one row each: one row per endpoint,
 * outcome and patient pseudonym in each window, its {@code target} saying {@code count=N}.
 */
@Singleton
public class RefusedRequests {
    private record Key(String action, String outcome, String patientPseudonym) {
    }

    private record Window(Instant firstSeen, AtomicLong count) {
    }

    private final AuditTrail trail;
    private final Map<Key, Window> open = new ConcurrentHashMap<>();

    public RefusedRequests(AuditTrail trail) {
        this.trail = trail;
    }

    public void count(String action, String outcome, String patientPseudonym) {
        open.computeIfAbsent(new Key(action, outcome, patientPseudonym), k -> new Window(Instant.now(), new AtomicLong())).count()
                .incrementAndGet();
    }

    public void flush() {
        List<AuditEntry> rows = new ArrayList<>();
        for (Key key : List.copyOf(open.keySet())) {
            Window window = open.remove(key);
            if (window != null) {
                rows.add(new AuditEntry(window.firstSeen(), Caller.ANONYMOUS.subject(), Caller.ANONYMOUS.roleList(), AuditEntry.Channel.REQUEST,
                        key.action(), key.patientPseudonym(), "count=" + window.count().get(), key.outcome()));
            }
        }
        trail.recordAll(rows);
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }
}
