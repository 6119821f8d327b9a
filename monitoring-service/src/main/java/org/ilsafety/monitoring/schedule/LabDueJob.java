package org.ilsafety.monitoring.schedule;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Periodically raises LAB_DUE and LAB_OVERDUE alerts for schedules whose time has come (job {@code lab-due}: every
 * {@code suite.jobs.lab-due.every}, first after {@code suite.jobs.lab-due.delay}).
 */
@ApplicationScoped
public class LabDueJob {
    private static final int BATCH = 200;
    private final ScheduleService schedules;

    public LabDueJob(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Scheduled(identity = "lab-due", every = "${suite.jobs.lab-due.every:5m}", delayed = "${suite.jobs.lab-due.delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        check(Instant.now());
    }

    /** Checks every pending schedule as of {@code now}, in batches; returns the number of alerts raised. */
    public int check(Instant now) {
        int total = 0;
        while (true) {
            int raised = QuarkusTransaction.requiringNew().call(() -> {
                int count = 0;
                var rows = schedules.pending(now, BATCH);
                for (LabSchedule row : rows) {
                    count += schedules.alert(row, now);
                }
                return rows.isEmpty() ? -1 : count;
            });
            if (raised < 0) {
                return total;
            }
            total += raised;
        }
    }
}
