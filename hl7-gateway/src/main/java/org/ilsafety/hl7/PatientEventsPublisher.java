package org.ilsafety.hl7;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.ilsafety.hl7.fhir.PatientEvent;

import ca.uhn.fhir.context.FhirContext;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends a message's FHIR resources to {@code patient-events}, keyed by patient id, and waits until the broker
 * acknowledged every one (acks=all, idempotent producer; see application.properties). Only then may the sender
 * get AA. The producer is configured by the usual {@code kafka.*} and channel properties (TLS, SASL).
 */
@ApplicationScoped
public class PatientEventsPublisher {
    public static final String SOURCE_HEADER = "source";
    public static final String SOURCE = "hl7-gateway";

    private final Emitter<String> emitter;
    private final FhirContext fhir = FhirContext.forR4();
    private final Duration timeout;

    public PatientEventsPublisher(@Channel("patient-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096) Emitter<String> emitter,
            GatewayConfig config) {
        this.emitter = emitter;
        this.timeout = config.publishTimeout();
    }

    /** Throws {@link NotPublished} unless the broker acknowledged every record within the timeout. */
    public void publish(List<PatientEvent> events) {
        List<CompletableFuture<Void>> acknowledged = new ArrayList<>(events.size());
        for (PatientEvent event : events) {
            String json = fhir.newJsonParser().encodeResourceToString(event.resource());
            CompletableFuture<Void> done = new CompletableFuture<>();
            RecordHeaders headers = new RecordHeaders();
            headers.add(SOURCE_HEADER, SOURCE.getBytes(StandardCharsets.UTF_8));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.patientId()).withHeaders(headers).build();
            emitter.send(Message.of(json, Metadata.of(metadata), () -> {
                done.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                done.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }));
            acknowledged.add(done);
        }
        try {
            CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotPublished();
        } catch (ExecutionException | TimeoutException e) {
            throw new NotPublished();
        }
    }

    /** The broker did not acknowledge every record: the sender gets AE and sends again. */
    public static class NotPublished extends RuntimeException {
        NotPublished() {
            super("The broker did not acknowledge the records", null, false, false);
        }
    }
}
