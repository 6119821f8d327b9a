package org.ilsafety.common.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.CloudEventHeaders;
import org.ilsafety.common.events.MonitoringEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class SuiteEventParserTest {
    static final SuiteEventParser PARSER = new SuiteEventParser(new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    static final String DECISION = "{\"patientId\":\"p-1\",\"kind\":\"DECISION\",\"action\":\"INTERRUPT\",\"analyte\":\"ANC\","
            + "\"requiresIndividualReview\":false,\"ruleId\":\"r\",\"knowledgeVersion\":\"v\"}";

    static ConsumerRecord<String, String> record(String key, String value, boolean withId, boolean withSource) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("monitoring-events", 0, 7L, key, value);
        if (withId) {
            record.headers().add(CloudEventHeaders.ID, "e-1".getBytes(StandardCharsets.UTF_8));
        }
        if (withSource) {
            record.headers().add(CloudEventHeaders.SOURCE, "monitoring-service".getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    @Test
    void theIdempotencyKeyIsSourceAndId() {
        InboundEvent<MonitoringEvent> event = PARSER.parse(record("p-1", DECISION, true, true), MonitoringEvent.class,
                MonitoringEvent::patientId);
        assertEquals("monitoring-service/e-1", event.idempotencyKey());
        assertEquals("INTERRUPT", event.body().action());
    }

    @Test
    void aFieldANewerProducerAddedIsIgnored() {
        String newer = DECISION.replace("}", ",\"alertChange\":\"RAISED\"}");
        InboundEvent<MonitoringEvent> event = PARSER.parse(record("p-1", newer, true, true), MonitoringEvent.class,
                MonitoringEvent::patientId);
        assertEquals("INTERRUPT", event.body().action());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "MISSING_EVENT_ID          | p-1 | true  | false | true",
            "MISSING_EVENT_SOURCE      | p-1 | true  | true  | false",
            "INVALID_PAYLOAD           | p-1 | false | true  | true",
            "MISSING_PATIENT_REFERENCE | p-1 | false | true  | true",
            "KEY_MISMATCH              | p-2 | true  | true  | true"
    })
    void everyKindOfBadSuiteEventIsRejected(String code, String key, boolean validPayload, boolean withId, boolean withSource) {
        String payload = validPayload ? DECISION
                : "MISSING_PATIENT_REFERENCE".equals(code) ? "{\"kind\":\"DECISION\",\"requiresIndividualReview\":false}" : "[1,2";
        EventRejected rejected = assertThrows(EventRejected.class,
                () -> PARSER.parse(record(key, payload, withId, withSource), MonitoringEvent.class, MonitoringEvent::patientId));
        assertEquals(code, rejected.reasonCode());
    }
}
