package org.ilsafety.monitoring.knowledge;

import java.util.List;

/** {@code seeds/knowledge/monitoring/schedule.yaml}: when each lab group is due after the therapy start. */
public record Schedules(String knowledgeVersion, List<Schedule> schedules) {

    public record Phase(int fromDay, Integer untilDay, int dueDays, int overdueDays) {
    }

    /** {@code note}: said in the group's due and overdue alerts (where the interval comes from when the label is silent). */
    public record Group(String group, String ruleId, boolean verified, List<Phase> phases, String note) {
        public String noteSuffix() {
            return note == null ? "" : " " + note;
        }
    }

    /** routes: the routes the schedule applies to; null or empty for every route. */
    public record Schedule(String id, String drug, List<String> indications, List<String> routes, String source, List<Group> groups) {
        public boolean coversRoute(String route) {
            return routes == null || routes.isEmpty() || route == null || routes.contains(route);
        }
    }
}
