package org.ilsafety.monitoring.schedule.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.security.Roles;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Schedules;
import org.ilsafety.monitoring.schedule.LabSchedule;
import org.ilsafety.monitoring.schedule.ScheduleService;

/** GET /api/v1/patients/{id}/monitoring-schedule. */
@Path("/api/v1/patients/{patientId}/monitoring-schedule")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST })
@Tag(name = "Monitoring schedule", description = "Which tests are due or overdue for a patient")
public class ScheduleResource {
    private final ScheduleService schedules;
    private final ActiveTherapies therapies;
    private final MonitoringKnowledge knowledge;

    public ScheduleResource(ScheduleService schedules, ActiveTherapies therapies, MonitoringKnowledge knowledge) {
        this.schedules = schedules;
        this.therapies = therapies;
        this.knowledge = knowledge;
    }

    @Operation(operationId = "getMonitoringSchedule", summary = "Read a patient's monitoring schedule")
    @APIResponse(responseCode = "200", description = "Each test with when it is due and whether it is overdue")
    @APIResponse(responseCode = "404", description = "No interleukin-blocking therapy recorded for this patient: nothing is scheduled")
    @GET
    public ScheduleView get(@PathParam("patientId") String patientId) {
        ActiveTherapy therapy = therapies.find(patientId)
                .orElseThrow(() -> ProblemException.notFound("No interleukin-blocking therapy recorded for this patient: nothing is scheduled"));
        Instant now = Instant.now();
        Optional<Schedules.Schedule> schedule = schedules.scheduleFor(therapy.moleculeId, therapy.indication, therapy.route);
        List<ScheduleView.Entry> entries = schedules.rows(patientId).stream().map(row -> entry(row, now)).toList();
        String note = schedule.isEmpty() ? "The label sets no laboratory schedule for " + therapy.moleculeId + " in " + therapy.indication + "."
                : null;
        return new ScheduleView(patientId, therapy.moleculeId, therapy.indication, therapy.status, therapy.startedAt, note, entries,
                knowledge.schedules().version());
    }

    private ScheduleView.Entry entry(LabSchedule row, Instant now) {
        String status;
        if (!row.active) {
            status = "CLOSED";
        } else if (row.dueAt == null) {
            status = "COMPLETE";
        } else if (!row.overdueAt.isAfter(now)) {
            status = "OVERDUE";
        } else if (!row.dueAt.isAfter(now)) {
            status = "DUE";
        } else {
            status = "SCHEDULED";
        }
        List<String> analytes = knowledge.labRules().content().analytes().stream().filter(a -> row.labGroup.equals(a.scheduleGroup()))
                .map(LabRules.Analyte::id).toList();
        String source = knowledge.schedules().content().schedules().stream().filter(s -> s.id().equals(row.scheduleId))
                .map(Schedules.Schedule::source).findFirst().orElse(null);
        return new ScheduleView.Entry(row.labGroup, analytes, status, row.dueAt, row.overdueAt, row.lastResultAt, row.scheduleId, row.ruleId, source);
    }
}
