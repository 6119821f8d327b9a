package org.ilsafety.dosing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.inbox.DeadLetterHeaders;
import org.ilsafety.stack.testing.SuiteTestInfrastructure;
import org.ilsafety.stack.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A decision on monitoring-events whose ce_source is not monitoring-service changes no plan: it is
 * dead-lettered with its reason (the broker's ACLs keep other principals off the topic; this catches what
 * slips past them, such as a misconfigured producer).
 */
@QuarkusTest
class ForgedEventSourceTest {
    static TestKafka kafka;
    static SuiteEvents monitoring;

    @BeforeAll
    static void connect() {
        kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
        monitoring = new SuiteEvents();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
        monitoring.close();
    }

    @Test
    void aDiscontinueClaimingAnotherSourceIsDeadLetteredAndThePlanStaysActive() {
        String patient = "forged-source";
        kafka.send(Topics.PATIENT_EVENTS, patient, TherapyPlanFlowTest.escalatedRaIvOrder(patient));
        TherapyPlanFlowTest.awaitPlan(patient, "status", "ACTIVE");

        monitoring.decisionClaimingSource("interaction-service", patient, "DISCONTINUE", "ALT");

        List<ConsumerRecord<String, String>> dead = kafka.await(Topics.deadLetter(Topics.MONITORING_EVENTS), r -> patient.equals(r.key()), 1,
                Duration.ofSeconds(30));
        assertEquals(1, dead.size(), "the forged decision is dead-lettered");
        ConsumerRecord<String, String> letter = dead.get(0);
        assertEquals("UNEXPECTED_EVENT_SOURCE", TestKafka.header(letter, DeadLetterHeaders.REASON_CODE));
        assertEquals("ce_source is not monitoring-service, the only producer of monitoring-events",
                TestKafka.header(letter, DeadLetterHeaders.REASON));
        // a genuine decision after it is still applied, so the forged one was refused and nothing else
        monitoring.decision(patient, "INTERRUPT", "ANC", false);
        TherapyPlanFlowTest.awaitPlan(patient, "status", "INTERRUPTED");
        assertEquals("INTERRUPTED", TherapyPlanFlowTest.plan(patient).getString("status"));
        assertEquals(List.of("STARTED", "INTERRUPTED"), TherapyPlanFlowTest.plan(patient).getList("history.change"));
    }
}
