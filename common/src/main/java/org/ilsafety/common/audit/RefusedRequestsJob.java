package org.ilsafety.common.audit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Writes the refusals counted in the window that ended ({@link RefusedRequests}), every {@code suite.jobs.refused-requests.every}. */
@ApplicationScoped
public class RefusedRequestsJob {
    private final RefusedRequests refused;

    public RefusedRequestsJob(RefusedRequests refused) {
        this.refused = refused;
    }

    @Scheduled(identity = "refused-requests", every = "${suite.jobs.refused-requests.every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        refused.flush();
    }
}
