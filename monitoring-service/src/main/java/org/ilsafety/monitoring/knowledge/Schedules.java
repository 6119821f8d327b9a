package org.ilsafety.monitoring.knowledge;

import java.util.List;

/** {@code seeds/knowledge/monitoring/schedule.yaml}: when each lab group is due after the therapy start. */
public record Schedules(String knowledgeVersion, List<Schedule> schedules) {

    public record Phase(int fromDay, Integer untilDay, int dueDays, int overdueDays) {
    }

    public record Group(String group, String ruleId, boolean verified, List<Phase> phases) {
    }

    public record Schedule(String id, String drug, List<String> indications, String source, List<Group> groups) {
    }
}
