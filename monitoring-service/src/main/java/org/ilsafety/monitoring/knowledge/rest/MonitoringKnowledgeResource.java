package org.ilsafety.monitoring.knowledge.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.security.Roles;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;

/**
 * Which monitoring knowledge this service grades with: each file's version, and the lab rules themselves
 * (analytes, rule sets, bands with their bounds, source and {@code verified} flag), so a console can draw
 * the label's bands behind a patient's results and list the rules for review.
 */
@Tag(name = "Knowledge", description = "The versions of the knowledge base this service applies")
@Path("/api/v1/monitoring-knowledge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD })
public class MonitoringKnowledgeResource {
    private final MonitoringKnowledgeView view;

    public MonitoringKnowledgeResource(MonitoringKnowledge knowledge) {
        List<Knowledge<?>> files = List.of(knowledge.labRules(), knowledge.screening(), knowledge.schedules(),
                knowledge.infections());
        this.view = new MonitoringKnowledgeView(knowledge.labRules().version(),
                files.stream().map(k -> new MonitoringKnowledgeView.File(k.name(), k.version())).toList(), knowledge.labRules().content());
    }

    @Operation(operationId = "getMonitoringKnowledge", summary = "Read the monitoring knowledge version, files and lab rules")
    @APIResponse(responseCode = "200", description = "The knowledge version, each file's version and the lab rules with their bands")
    @GET
    public MonitoringKnowledgeView get() {
        return view;
    }

    /** {@code knowledgeVersion} is the lab rules' version, the one every lab grade and alert records. */
    public record MonitoringKnowledgeView(String knowledgeVersion, List<File> files, LabRules labRules) {
        public record File(String name, String version) {
        }
    }
}
