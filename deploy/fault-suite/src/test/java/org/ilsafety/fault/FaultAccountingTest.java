package org.ilsafety.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class FaultAccountingTest {

    @Test
    void aScenarioTheStacksShapeCannotHoldSaysWhatItNeeds() {
        assertEquals(java.util.Optional.of("needs --brokers 3"), Scenario.BROKER_KILL_IN_CLUSTER.unfitFor(1, 2));
        assertEquals(java.util.Optional.empty(), Scenario.BROKER_KILL_IN_CLUSTER.unfitFor(3, 1));
        for (Scenario replicaFault : List.of(Scenario.REPLICA_JOIN, Scenario.REPLICA_KILL, Scenario.OUTBOX_LEADER_KILL)) {
            assertEquals(java.util.Optional.of("needs --replicas 2 or more"), replicaFault.unfitFor(3, 1), replicaFault.name());
            assertEquals(java.util.Optional.empty(), replicaFault.unfitFor(1, 2), replicaFault.name());
        }
        assertEquals(java.util.Optional.empty(), Scenario.ROLLING_RESTART.unfitFor(1, 1), "one replica restarted is a rolling restart too");
        assertTrue(!Scenario.NO_FAULT.midStream() && !Scenario.NO_FAULT.afterStream(), "no fault is injected");
        assertTrue(Scenario.PARTITION_RAISE.betweenHalves() && !Scenario.PARTITION_RAISE.midStream(), "partitions are raised only on a quiet bus");
    }

    @Test
    void anEventAppliedBeforeAnEarlierOneOfTheSamePatientIsAnOrderViolation() {
        List<String> inOrder = List.of("Observation/f1-p0001-e003/_history/1", "Observation/f1-p0002-e003/_history/1",
                "Observation/f1-p0001-e004/_history/1", "Observation/f1-p0002-e004/_history/1");
        assertEquals(0, SuiteProbe.orderViolations(inOrder));
        List<String> swapped = List.of("Observation/f1-p0001-e004/_history/1", "Observation/f1-p0002-e003/_history/1",
                "Observation/f1-p0001-e003/_history/1");
        assertEquals(1, SuiteProbe.orderViolations(swapped));
    }

    @Test
    void theSamePayloadUnderTwoEventIdsIsAnEffectAppliedTwiceButARelayResendIsNot() {
        ConsumerRecord<String, String> first = record("p-1", "{\"change\":\"STARTED\"}", "id-1");
        ConsumerRecord<String, String> resend = record("p-1", "{\"change\":\"STARTED\"}", "id-1");
        ConsumerRecord<String, String> twice = record("p-1", "{\"change\":\"STARTED\"}", "id-2");
        ConsumerRecord<String, String> other = record("p-2", "{\"change\":\"STARTED\"}", "id-3");
        assertEquals(0, SuiteProbe.duplicatedEffects(List.of(first, resend, other)));
        assertEquals(1, SuiteProbe.duplicatedEffects(List.of(first, resend, twice, other)));
    }

    @Test
    void aPlanInterleavesPatientsKeepsEachPatientsOrderAndMakesEveryPoisonUnique() {
        EventPlan plan = EventPlan.generate("t", 50, 40, 0.05, 7L);
        assertEquals(2_000, plan.events.size());
        assertEquals("t-p0000", plan.events.get(0).key());
        assertEquals("t-p0001", plan.events.get(1).key());
        List<PlannedEvent> poison = plan.events.stream().filter(PlannedEvent::poison).toList();
        assertTrue(poison.size() > 40 && poison.size() < 150, "about 5 % poison: " + poison.size());
        assertEquals(poison.size(), new HashSet<>(poison.stream().map(PlannedEvent::value).toList()).size());
        assertEquals(5, plan.events.stream().filter(plan::isLowAnc).count(), "one low ANC for every tenth patient");
        assertEquals(7, EventPlan.sequenceOf("Observation/t-p0003-e007/_history/1"));
        assertEquals("t-p0003", EventPlan.patientOf("Observation/t-p0003-e007/_history/1"));
        assertEquals("t-p0003", EventPlan.patientOf("Patient/t-p0003/_history/1"));
        assertEquals(0, EventPlan.sequenceOf("Patient/t-p0003/_history/1"));
    }

    static ConsumerRecord<String, String> record(String key, String value, String eventId) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("therapy-plan-events", 0, 0L, key, value);
        record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
