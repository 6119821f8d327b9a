package org.ilsafety.monitoring.schedule.rest;

import java.time.Instant;
import java.util.List;

/** A patient's monitoring schedule: the therapy it follows and, per lab group, when the next test is due. */
public record ScheduleView(String patientId, String drug, String indication, org.ilsafety.common.events.PlanStatus therapyStatus, Instant startedAt, String note,
        List<Entry> entries, String knowledgeVersion) {

    /** status: SCHEDULED, DUE, OVERDUE, COMPLETE (no further test asked) or CLOSED (therapy ended). */
    public record Entry(String group, List<String> analytes, String status, Instant dueAt, Instant overdueAt, Instant lastResultAt,
            String scheduleId, String ruleId, String source) {
    }
}
