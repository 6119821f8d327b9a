package org.ilsafety.interaction.patient;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.interaction.check.Today;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Exposure windows end with no event to say so: this sweep re-checks every patient with an open finding
 * whose window has passed, so the finding is closed (and published as closed) the day after
 * ({@code suite.jobs.exposure-window.every}, 1 h by default).
 */
@ApplicationScoped
public class ExposureWindowJob {
    private static final Logger LOG = Logger.getLogger(ExposureWindowJob.class);
    private final PatientChecks checks;
    private final Today today;

    public ExposureWindowJob(PatientChecks checks, Today today) {
        this.checks = checks;
        this.today = today;
    }

    @Scheduled(identity = "exposure-window", every = "${suite.jobs.exposure-window.every:1h}",
            delayed = "${suite.jobs.exposure-window.delay:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /** Re-checks each patient with an expired open finding, each in its own transaction; returns how many. */
    public int sweep() {
        int swept = 0;
        for (String patientId : checks.patientsWithExpiredFindings(today.date())) {
            QuarkusTransaction.requiringNew().run(() -> checks.recheck(patientId));
            swept++;
        }
        if (swept > 0) {
            LOG.infof("Window sweep re-checked %d patient(s)", swept);
        }
        return swept;
    }
}
