package org.ilsafety.common.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.security.Roles;

/**
 * The audit row of a consumed event: the sender ({@code ce_source}, else the integration bus), the topic
 * and event type, the patient's pseudonym (records are keyed by patient), the record's position, and
 * what became of it.
 */
@ApplicationScoped
public class ConsumedEvents {
    private static final String BUS = "integration-bus";

    private final Pseudonymizer pseudonyms;

    public ConsumedEvents(Pseudonymizer pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** {@code caused}: the ids of the events (decisions) applying the record published. */
    public AuditEntry entry(ConsumerRecord<String, String> record, String outcome, List<UUID> caused) {
        return entry(record, record.key(), outcome, caused);
    }

    /** One input of a record (a Bundle's entry) with its own patient. */
    public AuditEntry entry(ConsumerRecord<String, String> record, String patientId, String outcome, List<UUID> caused) {
        String source = header(record, CloudEventHeaders.SOURCE);
        String type = header(record, CloudEventHeaders.TYPE);
        return new AuditEntry(Instant.now(), source == null ? BUS : source, Roles.INTEGRATION, AuditEntry.Channel.EVENT,
                "CONSUME " + record.topic() + (type == null ? "" : " " + type),
                patientId == null || patientId.isBlank() ? null : pseudonyms.of(patientId),
                record.topic() + "-" + record.partition() + "@" + record.offset()
                        + (caused.isEmpty() ? "" : " decisions=" + caused.stream().map(UUID::toString).collect(Collectors.joining(","))),
                outcome);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
