package org.ilsafety.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/kubernetes as an operator applies it: rendered with kustomize, validated against the Kubernetes
 * schemas offline (kubernetes-models' bundled schemas, through node), and held to the deployment rules:
 * restricted pod security, probes on the health paths, every environment variable a setting the service
 * reads, heap as a share of the memory limit, PostgreSQL connections within max_connections, one consumer
 * per partition, the Kafka truststore mounted, the CDS Hooks URL routed, every Secret created by the README.
 */
class ManifestsTest {
    private static final Path HOME = Path.of(System.getProperty("suite.home", "../..")).toAbsolutePath().normalize();
    private static final Path MANIFESTS = HOME.resolve("deploy/kubernetes");
    private static final List<String> SERVICES = List.of("dosing-service", "monitoring-service", "interaction-service");
    /** PostgreSQL's default max_connections less its superuser_reserved_connections (3). */
    private static final int POSTGRES_CONNECTIONS = 100 - 3;
    /** Partitions of every topic (README, deploy/asyncapi.yaml). */
    private static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> suite;
    private static List<JsonNode> monitoring;

    @BeforeAll
    static void render() throws IOException {
        Optional<List<String>> kustomize = Tools.kustomizeBuild();
        if (kustomize.isEmpty()) {
            System.err.println("\n*** SKIPPED: ManifestsTest needs kustomize or kubectl on the PATH "
                    + "(Debian: apt-get install -y kubernetes-client); the manifests were NOT checked ***\n");
        }
        Assumptions.assumeTrue(kustomize.isPresent(), "kustomize or kubectl (apt-get install -y kubernetes-client) is not on the PATH");
        suite = render(kustomize.get(), MANIFESTS);
        monitoring = render(kustomize.get(), MANIFESTS.resolve("monitoring"));
    }

    private static List<JsonNode> render(List<String> kustomize, Path directory) throws IOException {
        List<String> command = new ArrayList<>(kustomize);
        command.add(directory.toString());
        String yaml = Tools.runOrFail(directory, command.toArray(String[]::new));
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = new YAMLMapper().createParser(yaml)) {
            new YAMLMapper().readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    objects.add(node);
                }
            });
        }
        return objects;
    }

    @Test
    void everyObjectPassesItsKubernetesSchema() throws IOException {
        Path work = Path.of("target/schema-check");
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "validate.mjs")) {
            Files.copy(Path.of("src/test/node", file), work.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Assumptions.assumeTrue(Tools.onPath("npm").isPresent() && Tools.onPath("node").isPresent(), "node and npm are needed for the schema check");
        if (!Files.isDirectory(work.resolve("node_modules/kubernetes-models"))) {
            Tools.runOrFail(work, "npm", "ci", "--no-audit", "--no-fund");
        }
        List<JsonNode> all = new ArrayList<>(suite);
        all.addAll(monitoring);
        Files.writeString(work.resolve("rendered.json"), JSON.writeValueAsString(all));
        Tools.Result result = Tools.run(work, List.of("node", "validate.mjs", "rendered.json"));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(all.size(), result.output().lines().filter(line -> line.startsWith("ok ")).count(), result.output());

        // The validator does refuse a bad object: a port given as a word.
        ArrayNode broken = JSON.createArrayNode();
        JsonNode deployment = find(suite, "Deployment", "dosing-service").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", "http");
        broken.add(deployment);
        Files.writeString(work.resolve("broken.json"), JSON.writeValueAsString(broken));
        Tools.Result refused = Tools.run(work, List.of("node", "validate.mjs", "broken.json"));
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("containerPort"), refused.output());
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        assertEquals("restricted", find(suite, "Namespace", "il-safety").at("/metadata/labels").path("pod-security.kubernetes.io/enforce").asText());
        for (String service : SERVICES) {
            JsonNode pod = pod(service);
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), service + " seccomp");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), service + " runAsNonRoot");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), service + " mounts no service-account token");
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), service + " allowPrivilegeEscalation");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), service + " readOnlyRootFilesystem");
                assertEquals("[\"ALL\"]", security.at("/capabilities/drop").toString(), service + " drops all capabilities");
                assertFalse(container.at("/resources/limits/memory").isMissingNode(), service + " memory limit");
                assertFalse(container.at("/resources/requests/cpu").isMissingNode(), service + " cpu request");
            }
        }
    }

    @Test
    void probesUseTheHealthPathsOnTheServicePort() {
        Map<String, String> paths = Map.of("readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live", "startupProbe", "/q/health/started");
        for (String service : SERVICES) {
            JsonNode container = container(service);
            ServiceSettings settings = new ServiceSettings(HOME, service);
            assertEquals(settings.properties.getProperty("quarkus.http.port"), container.at("/ports/0/containerPort").asText(), service + " port");
            String portName = container.at("/ports/0/name").asText();
            paths.forEach((probe, path) -> {
                assertEquals(path, container.at("/" + probe + "/httpGet/path").asText(), service + " " + probe);
                assertEquals(portName, container.at("/" + probe + "/httpGet/port").asText(), service + " " + probe + " port");
            });
        }
    }

    @Test
    void readinessLeavesKafkaOutSoABrokerOutageKeepsTheApiServing() {
        JsonNode config = find(suite, "ConfigMap", "il-safety-suite").path("data");
        assertEquals("false", config.path("MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_HEALTH_READINESS_ENABLED").asText());
        for (String service : SERVICES) {
            assertEquals("false", new ServiceSettings(HOME, service).properties.getProperty("quarkus.kafka.health.enabled"),
                    service + ": the Kafka admin health check (build time) stays out of readiness");
        }
    }

    @Test
    void everyEnvironmentVariableIsASettingTheServiceReads() {
        JsonNode config = find(suite, "ConfigMap", "il-safety-suite").path("data");
        for (String service : SERVICES) {
            ServiceSettings settings = new ServiceSettings(HOME, service);
            JsonNode container = container(service);
            Set<String> substituted = new HashSet<>();
            for (JsonNode variable : container.path("env")) {
                Matcher reference = Pattern.compile("\\$\\(([A-Z0-9_]+)\\)").matcher(variable.path("value").asText());
                while (reference.find()) {
                    substituted.add(reference.group(1));
                }
            }
            List<String> names = new ArrayList<>();
            container.path("env").forEach(variable -> names.add(variable.path("name").asText()));
            config.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!substituted.contains(name)) {
                    assertTrue(settings.reader(name).isPresent(), service + " reads no setting " + name);
                }
            }
        }
        for (String service : SERVICES) {
            String dockerfile = read(HOME.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            assertTrue(dockerfile.contains("$JAVA_OPTS"), service + "'s image passes JAVA_OPTS to java");
        }
    }

    @Test
    void heapIsAShareOfTheMemoryLimit() {
        for (String service : SERVICES) {
            JsonNode container = container(service);
            String options = environment(service).getOrDefault("JAVA_OPTS", "");
            Matcher share = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(options);
            assertTrue(share.find(), service + " sets the heap as a share of the limit: " + options);
            assertFalse(options.contains("-Xmx"), service + " has no fixed heap");
            double percent = Double.parseDouble(share.group(1));
            long limit = mebibytes(container.at("/resources/limits/memory").asText());
            double heap = limit * percent / 100;
            // idle RSS 430-510 MiB with a 512 MiB heap: at least 384 MiB of heap and 384 MiB outside it
            assertTrue(heap >= 384 && limit - heap >= 384, service + ": heap " + heap + " MiB of " + limit + " MiB");
            assertEquals(container.at("/resources/limits/memory").asText(), container.at("/resources/requests/memory").asText(),
                    service + ": memory request = limit (never evicted for memory it was promised)");
        }
    }

    @Test
    void databaseConnectionsStayWithinPostgresMaxConnections() {
        int total = 0;
        StringBuilder sum = new StringBuilder();
        for (String service : SERVICES) {
            JsonNode deployment = find(suite, "Deployment", service);
            int pods = deployment.at("/spec/replicas").asInt() + deployment.at("/spec/strategy/rollingUpdate/maxSurge").asInt(0);
            int pool = Integer.parseInt(new ServiceSettings(HOME, service).value("quarkus.datasource.jdbc.max-size", environment(service)).orElseThrow());
            total += pods * pool;
            sum.append(service).append(' ').append(pods).append(" pods x ").append(pool).append("; ");
        }
        assertTrue(total <= POSTGRES_CONNECTIONS, sum + "= " + total + " connections > " + POSTGRES_CONNECTIONS);
    }

    @Test
    void consumersPerTopicMatchThePartitions() {
        for (String service : SERVICES) {
            ServiceSettings settings = new ServiceSettings(HOME, service);
            int replicas = find(suite, "Deployment", service).at("/spec/replicas").asInt();
            settings.incomingChannels().forEach((channel, topic) -> {
                int perPod = Integer.parseInt(settings.value("mp.messaging.incoming." + channel + ".concurrency", environment(service)).orElse("1"));
                assertEquals(PARTITIONS, perPod * replicas,
                        service + " " + topic + ": " + replicas + " replicas x " + perPod + " consumers for " + PARTITIONS + " partitions");
            });
        }
    }

    @Test
    void theKafkaTruststoreIsMountedWhereTheConfigurationPoints() {
        JsonNode config = find(suite, "ConfigMap", "il-safety-suite").path("data");
        assertTrue(config.path("KAFKA_SECURITY_PROTOCOL").asText().endsWith("SSL"));
        Path truststore = Path.of(config.path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText());
        for (String service : SERVICES) {
            JsonNode pod = pod(service);
            boolean mounted = false;
            for (JsonNode mount : container(service).path("volumeMounts")) {
                if (truststore.startsWith(mount.path("mountPath").asText())) {
                    JsonNode volume = volume(pod, mount.path("name").asText());
                    String file = truststore.getFileName().toString();
                    mounted = volume.at("/secret/secretName").isTextual() && volume.at("/secret/items").toString().contains("\"path\":\"" + file + "\"");
                }
            }
            assertTrue(mounted, service + " mounts " + truststore + " from a Secret");
            assertTrue(environment(service).containsKey("KAFKA_SSL_TRUSTSTORE_PASSWORD"), service + " truststore password");
        }
    }

    @Test
    void theCdsHooksUrlIsRoutedToInteractionService() {
        URI base = URI.create(environment("interaction-service").get("SUITE_CDS_HOOKS_BASE_URL"));
        boolean routed = false;
        for (JsonNode ingress : ofKind(suite, "Ingress")) {
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    routed |= rule.path("host").asText().equals(base.getHost()) && base.getPath().startsWith(path.path("path").asText())
                            && path.at("/backend/service/name").asText().equals("interaction-service");
                }
            }
            assertTrue(ingress.at("/spec/tls").toString().contains(base.getHost()), "TLS for " + base.getHost());
        }
        assertTrue(routed, "an Ingress routes " + base + " to interaction-service");
    }

    @Test
    void networkPoliciesDenyAllIngressButTheIngressControllerPrometheusAndTheSuite() {
        List<JsonNode> policies = ofKind(suite, "NetworkPolicy");
        assertTrue(policies.stream().anyMatch(p -> p.at("/spec/podSelector").isEmpty() && p.at("/spec/ingress").isMissingNode()
                && p.at("/spec/policyTypes").toString().contains("Ingress")), "a default-deny ingress policy");
        for (String service : SERVICES) {
            JsonNode labels = pod(service).isMissingNode() ? null : find(suite, "Deployment", service).at("/spec/template/metadata/labels");
            assertTrue(policies.stream().anyMatch(p -> selects(p.at("/spec/podSelector/matchLabels"), labels) && !p.at("/spec/ingress").isEmpty()),
                    service + " has an ingress policy");
        }
    }

    @Test
    void prometheusScrapesEveryServiceWithATokenUnderTheDashboardsJobNames() {
        JsonNode monitor = find(monitoring, "ServiceMonitor", "il-safety-suite");
        for (String service : SERVICES) {
            assertTrue(selects(monitor.at("/spec/selector/matchLabels"), find(suite, "Service", service).at("/metadata/labels")), service + " selected");
            assertEquals(service, find(suite, "Service", service).at("/metadata/labels").path("app.kubernetes.io/name").asText());
        }
        JsonNode endpoint = monitor.at("/spec/endpoints/0");
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertEquals("http", endpoint.path("port").asText());
        assertTrue(endpoint.at("/oauth2/clientSecret/name").isTextual(), "a token for SUITE_OPERATIONS_ENDPOINTS=operations-readers");
        assertTrue(endpoint.path("relabelings").toString().contains("__meta_kubernetes_service_label_app_kubernetes_io_name"), "job from the name label");
        String dashboard = read(HOME.resolve("deploy/dashboards/suite-operations.json"));
        for (String service : SERVICES) {
            assertTrue(dashboard.contains(service), "the dashboard's job names include " + service);
        }
    }

    @Test
    void everySecretAndImageTheManifestsNameIsCreatedByTheReadmeAndTheDockerfiles() {
        String readme = read(MANIFESTS.resolve("README.md"));
        Map<String, Set<String>> created = new LinkedHashMap<>();
        Matcher command = Pattern.compile("create secret (?:generic|tls) ([a-z0-9-]+)([^\\n]*(?:\\\\\\n[^\\n]*)*)").matcher(readme);
        while (command.find()) {
            Set<String> keys = new HashSet<>();
            Matcher key = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)").matcher(command.group(2));
            while (key.find()) {
                keys.add(key.group(1));
            }
            created.merge(command.group(1), keys, (a, b) -> { a.addAll(b); return a; });
        }
        List<JsonNode> all = new ArrayList<>(suite);
        all.addAll(monitoring);
        Map<String, String> referenced = new HashMap<>();
        for (JsonNode object : all) {
            object.findParents("secretKeyRef").forEach(parent -> referenced.put(parent.at("/secretKeyRef/name").asText(), parent.at("/secretKeyRef/key").asText()));
            object.findParents("secretName").forEach(parent -> referenced.putIfAbsent(parent.path("secretName").asText(), null));
            object.findParents("clientSecret").forEach(parent -> referenced.put(parent.at("/clientSecret/name").asText(), parent.at("/clientSecret/key").asText()));
        }
        referenced.forEach((secret, key) -> {
            assertTrue(created.containsKey(secret), "README creates the Secret " + secret + " (creates " + created.keySet() + ")");
            if (key != null && !created.get(secret).isEmpty()) {
                assertTrue(created.get(secret).contains(key), "README's " + secret + " has the key " + key);
            }
        });
        for (String service : SERVICES) {
            String image = container(service).path("image").asText();
            String dockerfile = read(HOME.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
            assertTrue(dockerfile.contains("-t " + image + " "), service + "'s Dockerfile.jvm builds " + image);
            assertTrue(readme.contains(image), "README builds " + image);
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || labels == null || selector.isMissingNode()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        return fail("no volume " + name);
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> environment = new HashMap<>();
        find(suite, "ConfigMap", "il-safety-suite").path("data").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
        container(service).path("env").forEach(variable -> environment.put(variable.path("name").asText(),
                variable.has("value") ? variable.path("value").asText() : "<secret>"));
        return environment;
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.replace("Gi", "")) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.replace("Mi", ""));
        }
        return fail("memory limit in Mi or Gi: " + quantity);
    }

    private static JsonNode pod(String service) {
        return find(suite, "Deployment", service).at("/spec/template/spec");
    }

    private static JsonNode container(String service) {
        return pod(service).at("/containers/0");
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseGet(() -> fail("no " + kind + " " + name + " in the rendered manifests"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
