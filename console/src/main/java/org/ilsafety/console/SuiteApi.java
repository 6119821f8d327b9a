package org.ilsafety.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The services' REST APIs, called with the signed-in person's token: the services stay the only owners of
 * their data and decide what each role may see and do (and audit it).
 */
@ApplicationScoped
public class SuiteApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    public enum Service {
        DOSING("dosing-service"), MONITORING("monitoring-service"), INTERACTION("interaction-service");

        public final String label;

        Service(String label) {
            this.label = label;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<Service, String> urls = new LinkedHashMap<>();

    public SuiteApi(ConsoleSettings settings) {
        urls.put(Service.DOSING, strip(settings.dosingUrl()));
        urls.put(Service.MONITORING, strip(settings.monitoringUrl()));
        urls.put(Service.INTERACTION, strip(settings.interactionUrl()));
    }

    /** A service's answer other than 2xx, with the problem's detail when it sent one. */
    public static final class ServiceError extends RuntimeException {
        public final int status;

        ServiceError(Service service, int status, String detail) {
            super(service.label + " answered " + status + (detail == null || detail.isBlank() ? "" : ": " + detail), null, false, false);
            this.status = status;
        }
    }

    public JsonNode get(Service service, String path, Map<String, String> query, String token) {
        return send(service, "GET", path + queryString(query), null, token);
    }

    public JsonNode post(Service service, String path, Object body, String token) {
        try {
            return send(service, "POST", path, JSON.writeValueAsString(body), token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code /q/health/ready} of a service (open to anyone, as for a probe): UP, DOWN or UNREACHABLE. */
    public JsonNode health(Service service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(urls.get(service) + "/q/health/ready"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.createObjectNode().put("status", "UNREACHABLE");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JSON.createObjectNode().put("status", "UNREACHABLE");
        }
    }

    private JsonNode send(Service service, String method, String pathAndQuery, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.get(service) + pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ServiceError(service, response.statusCode(), detail(response.body()));
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceError(service, 503, "not reachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceError(service, 503, "interrupted");
        }
    }

    private static String detail(String body) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("detail").asText(problem.path("title").asText(""));
        } catch (IOException e) {
            return "";
        }
    }

    static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
