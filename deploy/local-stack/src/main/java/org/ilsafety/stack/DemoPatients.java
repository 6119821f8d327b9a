package org.ilsafety.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ilsafety.common.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publishes the demo patients of {@code seeds/demo/}: each file is a FHIR R4 Bundle whose entries go to
 * {@code patient-events} in order, keyed by the patient they belong to, as the integration bus would.
 */
public final class DemoPatients {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoPatients() {
    }

    public static int publish(Path demoDirectory, String bootstrapServers) {
        int sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaClients.producer(bootstrapServers)); Stream<Path> files = Files.list(demoDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode resource : resources(JSON.readTree(file.toFile()))) {
                    producer.send(new ProducerRecord<>(Topics.PATIENT_EVENTS, patientOf(resource), JSON.writeValueAsString(resource)));
                    sent++;
                }
            }
            producer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Demo patients could not be read from " + demoDirectory, e);
        }
        return sent;
    }

    static List<JsonNode> resources(JsonNode bundle) {
        if (!"Bundle".equals(bundle.path("resourceType").asText())) {
            return List.of(bundle);
        }
        List<JsonNode> resources = new java.util.ArrayList<>();
        bundle.path("entry").forEach(entry -> resources.add(entry.path("resource")));
        return resources;
    }

    static String patientOf(JsonNode resource) {
        if ("Patient".equals(resource.path("resourceType").asText())) {
            return resource.path("id").asText();
        }
        String reference = resource.has("patient") ? resource.path("patient").path("reference").asText()
                : resource.path("subject").path("reference").asText();
        return reference.startsWith("Patient/") ? reference.substring("Patient/".length()) : null;
    }
}
