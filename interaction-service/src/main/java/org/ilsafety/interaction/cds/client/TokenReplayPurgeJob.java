package org.ilsafety.interaction.cds.client;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Drops the ids of expired CDS Hooks tokens ({@link TokenReplayGuard}), every {@code suite.jobs.token-replay-purge.every}. */
@ApplicationScoped
public class TokenReplayPurgeJob {
    private final TokenReplayGuard guard;

    public TokenReplayPurgeJob(TokenReplayGuard guard) {
        this.guard = guard;
    }

    @Scheduled(identity = "token-replay-purge", every = "${suite.jobs.token-replay-purge.every:10m}",
            delayed = "${suite.jobs.token-replay-purge.delay:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        guard.purgeExpired();
    }
}
