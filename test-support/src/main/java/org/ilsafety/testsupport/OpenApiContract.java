package org.ilsafety.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ilsafety.common.openapi.ApiConventions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The suite's OpenAPI conventions, checked on a service's document: every {@code /api} and {@code /cds-services}
 * operation has a unique operationId, a summary, a tag defined at the top, a security requirement naming a defined
 * scheme, a 2xx answer, and every error answer a body schema (problem+json unless it declares its own, such as a FHIR
 * OperationOutcome); the document names its servers. {@link #undocumented} compares a live answer with the statuses
 * an operation documents, so the role tables and fuzzers that see every status keep the document honest.
 */
public final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    private final JsonNode document;

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** Each operation ({@code METHOD /template}) with what it lacks; empty when the document follows the conventions. */
    public Map<String, List<String>> violations() {
        Map<String, List<String>> violations = new TreeMap<>();
        List<String> documentWide = new ArrayList<>();
        if (!document.path("servers").isArray() || document.path("servers").isEmpty()) {
            documentWide.add("no servers");
        }
        if (!document.path("components").path("schemas").has(ApiConventions.PROBLEM_SCHEMA)) {
            documentWide.add("no " + ApiConventions.PROBLEM_SCHEMA + " schema");
        }
        if (!documentWide.isEmpty()) {
            violations.put("(document)", documentWide);
        }
        Set<String> tags = new HashSet<>();
        document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
        JsonNode schemes = document.path("components").path("securitySchemes");
        Map<String, String> operationIds = new HashMap<>();
        operations().forEach((name, operation) -> {
            List<String> missing = new ArrayList<>();
            String operationId = operation.path("operationId").asText("");
            if (operationId.isBlank()) {
                missing.add("no operationId");
            } else if (operationIds.putIfAbsent(operationId, name) != null) {
                missing.add("operationId " + operationId + " also names " + operationIds.get(operationId));
            }
            if (operation.path("summary").asText("").isBlank()) {
                missing.add("no summary");
            }
            if (operation.path("tags").isEmpty()) {
                missing.add("no tag");
            }
            operation.path("tags").forEach(tag -> {
                if (!tags.contains(tag.asText())) {
                    missing.add("tag '" + tag.asText() + "' is not defined at the top of the document");
                }
            });
            if (operation.path("security").isEmpty()) {
                missing.add("no security requirement");
            }
            operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
                if (!schemes.has(scheme)) {
                    missing.add("security scheme '" + scheme + "' is not defined");
                }
            }));
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                missing.add("no 2xx answer");
            }
            for (String status : statuses) {
                JsonNode response = operation.path("responses").path(status);
                if (response.path("description").asText("").isBlank()) {
                    missing.add(status + " has no description");
                }
                boolean error = status.startsWith("4") || status.startsWith("5");
                if (!error || ApiConventions.WITHOUT_BODY.contains(status)) {
                    continue;
                }
                JsonNode content = response.path("content");
                if (content.isEmpty()) {
                    missing.add(status + " has no body schema");
                } else if (!content.has(ApiConventions.FHIR_MEDIA_TYPE) && !content.path(ApiConventions.PROBLEM_MEDIA_TYPE).path("schema")
                        .path("$ref").asText("").endsWith("/" + ApiConventions.PROBLEM_SCHEMA)) {
                    missing.add(status + " is not " + ApiConventions.PROBLEM_MEDIA_TYPE + " with the " + ApiConventions.PROBLEM_SCHEMA + " schema");
                }
            }
            if (!missing.isEmpty()) {
                violations.put(name, missing);
            }
        });
        return violations;
    }

    /** The statuses of {@code answered} that the operation {@code METHOD /template} does not document. */
    public Set<Integer> undocumented(String operation, Set<Integer> answered) {
        JsonNode responses = operations().getOrDefault(operation, MissingNode.getInstance()).path("responses");
        Set<Integer> undocumented = new TreeSet<>();
        for (int status : answered) {
            String code = Integer.toString(status);
            if (!responses.has(code) && !responses.has(code.charAt(0) + "XX") && !responses.has("default")) {
                undocumented.add(status);
            }
        }
        return undocumented;
    }

    /** Every {@code /api} and {@code /cds-services} operation, as {@code METHOD /template}. */
    public Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api") && !path.getKey().startsWith("/cds-services")) {
                return;
            }
            path.getValue().fields().forEachRemaining(method -> {
                if (METHODS.contains(method.getKey())) {
                    operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
                }
            });
        });
        return operations;
    }
}
