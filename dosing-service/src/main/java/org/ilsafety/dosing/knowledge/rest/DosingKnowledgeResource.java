package org.ilsafety.dosing.knowledge.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.ilsafety.common.security.Roles;
import org.ilsafety.dosing.knowledge.DosingKnowledge;

/** Which dosing knowledge this service runs on (also the trivial endpoint the benchmark compares against). */
@Path("/api/v1/dosing-knowledge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD })
@Tag(name = "Knowledge", description = "The versions of the knowledge base this service applies")
public class DosingKnowledgeResource {
    private final DosingKnowledge knowledge;

    public DosingKnowledgeResource(DosingKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    public record KnowledgeFile(String name, String declaredVersion, String sha256) {
    }

    public record KnowledgeInfo(String knowledgeVersion, List<KnowledgeFile> files) {
    }

    @Operation(operationId = "getDosingKnowledge", summary = "Read the dosing knowledge version and files")
    @APIResponse(responseCode = "200", description = "The knowledge version and each file with its declared version and hash")
    @GET
    public KnowledgeInfo get() {
        return new KnowledgeInfo(knowledge.version(),
                knowledge.files().stream().map(f -> new KnowledgeFile(f.name(), f.declaredVersion(), f.sha256())).toList());
    }
}
