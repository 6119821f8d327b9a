package org.ilsafety.common.openapi;

import static org.ilsafety.common.openapi.ApiConventions.BEARER_SCHEME;
import static org.ilsafety.common.openapi.ApiConventions.EHR_SCHEME;
import static org.ilsafety.common.openapi.ApiConventions.PROBLEM_MEDIA_TYPE;
import static org.ilsafety.common.openapi.ApiConventions.PROBLEM_SCHEMA;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.servers.Server;

/**
 * Completes every service's OpenAPI document with what all operations share, so a resource method declares only
 * what is its own ({@code @Operation} with operationId and summary, {@code @Tag}, and an {@code @APIResponse} with a
 * description for each domain answer such as 404, 409, 412 or 422):
 * <ul>
 * <li>the {@value ApiConventions#PROBLEM_SCHEMA} schema, and {@code application/problem+json} with it on every error
 * answer that declares no content of its own;</li>
 * <li>the answers the shared plumbing gives: 400 (a parameter or body field is invalid), 401 (no verified token),
 * 403 (a bearer token without the role), 404 and 405 (a path parameter naming nothing, or making the path another
 * operation's), 413/414/431 (HTTP server limits),
 * 415 (a body that is not JSON), 429 (quota, with Retry-After) and 500 (with an error id);</li>
 * <li>the CDS Hooks EHR JWT scheme ({@value ApiConventions#EHR_SCHEME}) when an operation requires it, a description of the
 * bearer scheme and of each server.</li>
 * </ul>
 * Registered for every service by {@code mp.openapi.filter} in common's configuration. It never invents an
 * operationId, summary or tag: the services' contract tests fail for an operation without them.
 */
public class SuiteApiDocument implements OASFilter {
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM_SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
        if (openAPI.getComponents().getSecuritySchemes() != null && openAPI.getComponents().getSecuritySchemes().containsKey(BEARER_SCHEME)) {
            openAPI.getComponents().getSecuritySchemes().get(BEARER_SCHEME).setDescription(
                    "A JWT of the hospital identity provider (RS256 or ES256; issuer and audience as configured). Its groups claim"
                            + " carries the suite roles; each operation lists the roles it grants.");
        }
        if (usesScheme(openAPI, EHR_SCHEME)) {
            openAPI.getComponents().addSecurityScheme(EHR_SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT").description("CDS Hooks client authentication: a JWT the EHR signs with its own"
                            + " key (iss an allow-listed client, aud the called URL, a fresh jti, valid at most 5 minutes); not a token of"
                            + " the suite's identity provider, and no suite role applies"));
        }
        if (openAPI.getServers() != null) {
            for (Server server : openAPI.getServers()) {
                if (server.getDescription() == null || server.getDescription().startsWith("Auto generated")) {
                    server.setDescription("The local suite (./run-suite.sh); a hospital deployment serves the same paths under its own host");
                }
            }
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api") || path.startsWith("/cds-services")) {
                item.getOperations().values().forEach(operation -> complete(item, operation));
            }
        });
    }

    private static boolean usesScheme(OpenAPI openAPI, String scheme) {
        return openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null && openAPI.getPaths().getPathItems().values().stream()
                .flatMap(item -> item.getOperations().values().stream())
                .anyMatch(operation -> operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(s -> s.hasScheme(scheme)));
    }

    private static void complete(PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean body = operation.getRequestBody() != null;
        if (body || !parameters.isEmpty()) {
            ensure(responses, "400", "Invalid request: the problem's errors name each field or parameter and why");
        }
        if (body) {
            ensure(responses, "413", "The body exceeds the size limit (answered by the HTTP server, without a body)");
            ensure(responses, "415", "The body is not of a media type this operation consumes");
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            ensure(responses, "404", "Not found: a path parameter names nothing this service has");
            // a value holding an encoded '/' or '..' makes the path another operation's, which may not take this method
            ensure(responses, "405", "The path, with this parameter value, names an operation that does not take this method");
        }
        if (!parameters.isEmpty()) {
            ensure(responses, "414", "The request line exceeds the HTTP server's limit (answered without a body)");
        }
        ensure(responses, "431", "The request headers exceed the HTTP server's limit (answered without a body)");
        List<SecurityRequirement> security = operation.getSecurity();
        if (security != null && !security.isEmpty()) {
            ensure(responses, "401", "No token, or one that failed verification (signature, issuer, audience, expiry); with a Bearer challenge");
            if (security.stream().anyMatch(s -> s.hasScheme(BEARER_SCHEME))) {
                ensure(responses, "403", "A verified caller without a role this operation grants");
            }
        }
        ensure(responses, "429", "The caller's request quota is spent; Retry-After says when to try again");
        ensure(responses, "500", "An unexpected failure; the problem's detail quotes an error id for the logs");
        describeSecurityAnswers(responses);
        header(responses, "401", "WWW-Authenticate", "Bearer", SchemaType.STRING);
        header(responses, "429", "Retry-After", "Seconds until the quota allows another request", SchemaType.INTEGER);
        for (Map.Entry<String, APIResponse> answer : responses.getAPIResponses().entrySet()) {
            boolean error = answer.getKey().startsWith("4") || answer.getKey().startsWith("5");
            if (error && !ApiConventions.WITHOUT_BODY.contains(answer.getKey()) && isEmpty(answer.getValue().getContent())) {
                answer.getValue().setContent(OASFactory.createContent().addMediaType(PROBLEM_MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))));
            }
        }
    }

    /** Quarkus adds 401 and 403 for role-protected methods with terse descriptions; these say what the suite answers. */
    private static void describeSecurityAnswers(APIResponses responses) {
        APIResponse unauthorized = responses.getAPIResponse("401");
        if (unauthorized != null && "Not Authorized".equals(unauthorized.getDescription())) {
            unauthorized.setDescription("No token, or one that failed verification (signature, issuer, audience, expiry); with a Bearer challenge");
        }
        APIResponse forbidden = responses.getAPIResponse("403");
        if (forbidden != null && "Not Allowed".equals(forbidden.getDescription())) {
            forbidden.setDescription("A verified caller without a role this operation grants");
        }
    }

    private static void header(APIResponses responses, String status, String name, String description, SchemaType type) {
        APIResponse response = responses.getAPIResponse(status);
        if (response != null && (response.getHeaders() == null || !response.getHeaders().containsKey(name))) {
            response.addHeader(name, OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(type)));
        }
    }

    private static void ensure(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static boolean isEmpty(Content content) {
        return content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty();
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(SchemaType.STRING)
                        .description("The offending field (dotted path, [i] for a list item) or parameter; empty for the whole body"))
                .addProperty("reason", OASFactory.createSchema().addType(SchemaType.STRING).description("Why it is refused"));
        return OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("An RFC 9457 problem detail. Messages name the field and the rule, never the submitted value.")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", OASFactory.createSchema().addType(SchemaType.STRING).format("uri")
                        .description("https://ilsafety.org/problems/{status}"))
                .addProperty("title", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32"))
                .addProperty("detail", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(SchemaType.STRING).description("The request path"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY).items(fieldError)
                        .description("Each offending field and why"));
    }
}
