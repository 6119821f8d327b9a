package org.ilsafety.interaction.check.rest;

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
import org.ilsafety.interaction.knowledge.InteractionKnowledge;

/** Which knowledge the service checks with: the combined version and each file's own. */
@Path("/api/v1/interaction-knowledge")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.CLINICIAN, Roles.PHARMACIST, Roles.INTEGRATION, Roles.DASHBOARD })
@Tag(name = "Knowledge", description = "The versions of the knowledge base this service applies")
public class KnowledgeResource {
    private final KnowledgeVersions versions;

    public KnowledgeResource(InteractionKnowledge knowledge) {
        this.versions = new KnowledgeVersions(knowledge.version(),
                knowledge.files().stream().map(k -> new KnowledgeVersions.File(k.name(), k.version(), k.location())).toList());
    }

    @Operation(operationId = "getInteractionKnowledge", summary = "Read the interaction knowledge version and files")
    @APIResponse(responseCode = "200", description = "The knowledge version and each file")
    @GET
    public KnowledgeVersions get() {
        return versions;
    }

    public record KnowledgeVersions(String knowledgeVersion, List<File> files) {
        public record File(String name, String version, String location) {
        }
    }
}
