package org.ilsafety.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends generated and mutated requests to every operation a service's OpenAPI document lists and
 * counts the answers; a 5xx is a finding. Bodies are generated from the operation's schema or taken from
 * valid seeds a test supplies, then mutated (fields dropped, retyped, oversized, unknown fields added,
 * lists blown up, JSON truncated or corrupted); path and query parameters are mutated too. Requests carry
 * the given token, so they reach validation and the domain code behind authentication. Deterministic
 * for a given random seed.
 */
public final class ApiFuzzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CONCURRENCY = 4;

    public record Operation(String method, String path, JsonNode requestSchema, List<String> pathParameters,
            List<String> queryParameters) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * What one operation answered: status counts, each 5xx with the request that caused it, requests the server
     * closed without an answer (HTTP-level rejections of malformed requests, by failure type), and the statuses
     * answered that the OpenAPI document does not list for the operation.
     */
    public record Report(Operation operation, int sent, Map<Integer, Integer> statuses, List<String> serverErrors,
            Map<String, Integer> unanswered, Set<Integer> undocumented) {
        @Override
        public String toString() {
            return operation + ": " + sent + " requests, statuses " + statuses + (unanswered.isEmpty() ? "" : ", unanswered " + unanswered)
                    + (serverErrors.isEmpty() ? "" : ", " + serverErrors.size() + " x 5xx, e.g. " + serverErrors.get(0))
                    + (undocumented.isEmpty() ? "" : ", undocumented statuses " + undocumented);
        }
    }

    private final URI base;
    private final String bearer;
    private final JsonNode openApi;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<JsonNode>> seeds = new ConcurrentHashMap<>();
    private final Map<String, List<String>> pathValues = new ConcurrentHashMap<>();
    private volatile Function<URI, String> authorization;

    private ApiFuzzer(URI base, String bearer, JsonNode openApi) {
        this.base = base;
        this.bearer = bearer;
        this.openApi = openApi;
        this.authorization = uri -> bearer;
    }

    /** Reads {@code /q/openapi} of the service at {@code base}; every request carries {@code bearer}. */
    /**
     * Requests per operation: 1,000 in the test run (deterministic per seed, so the same requests each run);
     * {@code -Dfuzz.requests=N} searches further.
     */
    public static int requestsPerOperation() {
        return Integer.getInteger("fuzz.requests", 1_000);
    }

    public static ApiFuzzer forService(URI base, String bearer) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("OpenAPI document unavailable: HTTP " + response.statusCode());
            }
            return new ApiFuzzer(base, bearer, JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("OpenAPI document unavailable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Valid example bodies for an operation: mutations of them reach deeper than generated ones. */
    public ApiFuzzer seed(String method, String path, String... validBodies) {
        List<JsonNode> bodies = seeds.computeIfAbsent(method.toUpperCase() + " " + path, k -> Collections.synchronizedList(new ArrayList<>()));
        for (String body : validBodies) {
            try {
                bodies.add(JSON.readTree(body));
            } catch (IOException e) {
                throw new IllegalArgumentException("A seed is not JSON", e);
            }
        }
        return this;
    }

    /**
     * The {@code Authorization} header per request, from the URI it goes to (CDS Hooks calls need a fresh
     * EHR token whose {@code aud} is the called URL); default: the bearer given at creation.
     */
    public ApiFuzzer authorization(Function<URI, String> perRequest) {
        this.authorization = perRequest;
        return this;
    }

    /** Known values for a path parameter, used for three requests in four so bodies get past routing. */
    public ApiFuzzer pathValues(String name, String... values) {
        pathValues.put(name, List.of(values));
        return this;
    }

    /** Every operation under {@code /api} and {@code /cds-services}, in path order. */
    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Map<String, JsonNode> paths = new TreeMap<>();
        openApi.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
        paths.forEach((path, item) -> {
            if (!path.startsWith("/api") && !path.startsWith("/cds-services")) {
                return;
            }
            item.fields().forEachRemaining(method -> {
                if (!List.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                    return;
                }
                JsonNode op = method.getValue();
                List<String> pathParameters = new ArrayList<>();
                List<String> queryParameters = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                item.path("parameters").forEach(parameters::add);
                op.path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    (parameter.path("in").asText().equals("path") ? pathParameters : queryParameters).add(parameter.path("name").asText());
                }
                JsonNode schema = op.path("requestBody").path("content").path("application/json").path("schema");
                operations.add(new Operation(method.getKey().toUpperCase(), path, schema.isMissingNode() ? null : schema,
                        pathParameters, queryParameters));
            });
        });
        return operations;
    }

    /** Sends {@code count} requests to {@code operation}. */
    public Report fuzz(Operation operation, int count, long randomSeed) {
        Random random = new Random(randomSeed);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uri = uri(operation, random);
            Body body = operation.requestSchema() == null && !"POST".equals(operation.method()) ? null : body(operation, random);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization.apply(URI.create(uri)));
            if (body == null) {
                request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", body.contentType()).method(operation.method(),
                        HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
            }
            inFlight.acquireUninterruptibly();
            String described = operation.method() + " " + uri + (body == null ? "" : " " + abbreviate(new String(body.bytes(), StandardCharsets.UTF_8)));
            pending.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                inFlight.release();
                if (failure != null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    unanswered.computeIfAbsent(cause.getClass().getSimpleName(), s -> new AtomicInteger()).incrementAndGet();
                    return null;
                }
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (response.statusCode() >= 500) {
                    serverErrors.add(response.statusCode() + " for " + described);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        Map<Integer, Integer> counted = new TreeMap<>();
        statuses.forEach((status, n) -> counted.put(status, n.get()));
        Map<String, Integer> failures = new TreeMap<>();
        unanswered.forEach((type, n) -> failures.put(type, n.get()));
        return new Report(operation, count, counted, List.copyOf(serverErrors), failures,
                new OpenApiContract(openApi).undocumented(operation.toString(), counted.keySet()));
    }

    private String uri(Operation operation, Random random) {
        String path = operation.path();
        for (String name : operation.pathParameters()) {
            List<String> known = pathValues.get(name);
            String value = known != null && random.nextInt(4) > 0 ? known.get(random.nextInt(known.size())) : pathValue(random);
            path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        StringBuilder query = new StringBuilder();
        for (String name : operation.queryParameters()) {
            if (random.nextInt(3) > 0) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=')
                        .append(URLEncoder.encode(queryValue(random), StandardCharsets.UTF_8));
            }
        }
        return base.resolve(path).toString() + query;
    }

    private static String pathValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "p-" + random.nextInt(1000);
            case 1 -> java.util.UUID.randomUUID().toString();
            case 2 -> "x".repeat(300 + random.nextInt(2000));
            case 3 -> "Ünïcødé-患者-" + random.nextInt(10);
            case 4 -> "..";
            case 5 -> "' OR 1=1 --";
            case 6 -> "0";
            default -> randomText(random, 1 + random.nextInt(40));
        };
    }

    /** The ends of what java.time accepts (LocalDate.MIN and MAX) and just past ISO 8601's four-digit years. */
    static String extremeDate(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "+999999999-12-31";
            case 1 -> "-999999999-01-01";
            case 2 -> "+10000-01-01";
            default -> "0000-01-01";
        };
    }

    private static String queryValue(Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> "";
            case 1 -> Integer.toString(random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? -1 : 1));
            case 2 -> "99999999999999999999";
            case 3 -> "OPEN";
            case 4 -> "2026-11-01T00:00:00Z";
            case 10 -> extremeDate(random) + "T00:00:00Z";
            case 5 -> "not-a-date";
            case 6 -> "x".repeat(5000);
            case 7 -> "1.5";
            default -> randomText(random, 1 + random.nextInt(30));
        };
    }

    private record Body(String contentType, byte[] bytes) {
    }

    private Body body(Operation operation, Random random) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return new Body("application/json", new byte[0]);
        }
        if (kind == 1) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            return new Body("application/json", noise);
        }
        if (kind == 2) {
            return new Body("application/json", ("[".repeat(2000) + "]".repeat(2000)).getBytes(StandardCharsets.UTF_8));
        }
        if (kind == 3) {
            return new Body("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        }
        JsonNode json = start(operation, random);
        int mutations = kind < 6 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            json = mutate(json, random, 0);
        }
        String text = json.toString();
        if (kind == 4 && text.length() > 1) {
            text = text.substring(0, random.nextInt(text.length()));
        } else if (kind == 5 && text.length() > 1) {
            int at = random.nextInt(text.length());
            text = text.substring(0, at) + "\"}{,:]" .charAt(random.nextInt(6)) + text.substring(at + 1);
        }
        return new Body("application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode start(Operation operation, Random random) {
        List<JsonNode> valid = seeds.getOrDefault(operation.method() + " " + operation.path(), List.of());
        if (!valid.isEmpty() && random.nextInt(4) > 0) {
            return valid.get(random.nextInt(valid.size())).deepCopy();
        }
        return operation.requestSchema() == null ? NODES.objectNode() : generate(operation.requestSchema(), random, 0);
    }

    /** A value that fits the schema, with plausible field values. */
    private JsonNode generate(JsonNode schema, Random random, int depth) {
        schema = resolve(schema);
        if (schema.has("allOf")) {
            return generate(schema.get("allOf").get(0), random, depth);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf");
            return generate(options.get(random.nextInt(options.size())), random, depth);
        }
        if (schema.has("enum")) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size())).deepCopy();
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText("object");
        if (depth > 6) {
            return NODES.nullNode();
        }
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), generate(p.getValue(), random, depth + 1)));
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int items = 1 + random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.add(generate(schema.path("items"), random, depth + 1));
                }
                return array;
            }
            case "integer":
                return NODES.numberNode(random.nextInt(200));
            case "number":
                return NODES.numberNode(Math.round(random.nextDouble() * 2000) / 10.0);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            default:
                String format = schema.path("format").asText("");
                if (format.equals("date")) {
                    return NODES.textNode(random.nextInt(6) == 0 ? extremeDate(random) : "2026-11-" + (10 + random.nextInt(18)));
                }
                if (format.equals("date-time")) {
                    return NODES.textNode((random.nextInt(6) == 0 ? extremeDate(random) : "2026-11-" + (10 + random.nextInt(18))) + "T08:00:00Z");
                }
                return NODES.textNode(randomText(random, 1 + random.nextInt(12)));
        }
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = openApi.at(ref.substring(1));
        }
        return schema;
    }

    /** One mutation somewhere in the tree. */
    private JsonNode mutate(JsonNode node, Random random, int depth) {
        if (node instanceof ObjectNode object && object.size() > 0 && random.nextInt(3) > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set("unexpected" + random.nextInt(5), strange(random));
                default -> object.set(name, random.nextBoolean() ? strange(random) : mutate(object.get(name), random, depth + 1));
            }
            return object;
        }
        if (node instanceof ArrayNode array && array.size() > 0 && random.nextInt(3) > 0) {
            if (random.nextBoolean()) {
                JsonNode first = array.get(0);
                int copies = 400 + random.nextInt(400);
                for (int i = 0; i < copies; i++) {
                    array.add(first.deepCopy());
                }
            } else {
                int at = random.nextInt(array.size());
                array.set(at, mutate(array.get(at), random, depth + 1));
            }
            return array;
        }
        return strange(random);
    }

    /** A value of the wrong type or shape. */
    private static JsonNode strange(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("");
            case 2 -> NODES.textNode("x".repeat(10_001 + random.nextInt(5000)));
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(0);
            case 5 -> NODES.numberNode(1e308);
            case 6 -> NODES.numberNode(Long.MAX_VALUE);
            case 7 -> NODES.textNode("NaN");
            case 8 -> NODES.booleanNode(random.nextBoolean());
            case 9 -> NODES.arrayNode();
            case 10 -> NODES.objectNode();
            case 11 -> NODES.textNode("2026-02-30");
            case 12 -> NODES.numberNode(-0.000001);
            case 13 -> NODES.textNode("<script>alert(1)</script>");
            case 14 -> {
                ObjectNode nested = NODES.objectNode();
                ObjectNode inner = nested;
                for (int i = 0; i < 40; i++) {
                    ObjectNode next = NODES.objectNode();
                    inner.set("a", next);
                    inner = next;
                }
                yield nested;
            }
            default -> NODES.textNode(randomText(random, 1 + random.nextInt(20)));
        };
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_/.:%+éü漢\u0000\t\"'\\";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }
}
