package org.ilsafety.monitoring.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.ilsafety.common.events.MonitoringEvent;
import org.ilsafety.common.events.MonitoringEvent.AlertChange;
import org.ilsafety.monitoring.MonitoringBus;
import org.ilsafety.monitoring.alert.AlertService;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.testsupport.FhirFixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The wire contract on monitoring-events: an ALERT event says what happened to the alert (alertChange, an
 * escalation keeps status OPEN), a DECISION has no alertChange, and every event carries the source of its
 * rule as the knowledge states it.
 */
@QuarkusTest
class MonitoringEventContractFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MonitoringKnowledge knowledge;
    @Inject
    AlertService alerts;

    @Test
    void alertEventsTellTheChangeAndEveryEventCarriesItsRuleSource() {
        String patient = "contract-1";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            // 4 x ULN: unconfirmed, an alert is raised; the confirming repeat escalates it and interrupts
            bus.fhir(patient, FhirFixtures.labObservation(patient, "ct-alt-1", 1, "1742-6", 160, "U/L", 40.0, "2026-11-10T08:00:00Z"));
            bus.fhir(patient, FhirFixtures.labObservation(patient, "ct-alt-2", 1, "1742-6", 180, "U/L", 40.0, "2026-11-12T08:00:00Z"));
            MonitoringEvent interrupt = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("INTERRUPT", interrupt.action());
            alerts.acknowledge(UUID.fromString(interrupt.alertId()), "nurse-1", null);
            // a normal result: the alert is resolved and the therapy resumes
            bus.fhir(patient, FhirFixtures.labObservation(patient, "ct-alt-3", 1, "1742-6", 30, "U/L", 40.0, "2026-11-19T08:00:00Z"));
            List<MonitoringEvent> decisions = bus.await(patient, MonitoringEvent.TYPE_DECISION, 2, WAIT);
            assertEquals(List.of("INTERRUPT", "RESUME"), decisions.stream().map(MonitoringEvent::action).toList());

            List<MonitoringEvent> alertEvents = bus.all(patient, MonitoringEvent.TYPE_ALERT).stream()
                    .filter(e -> interrupt.alertId().equals(e.alertId())).toList();
            assertEquals(List.of(AlertChange.RAISED, AlertChange.ESCALATED, AlertChange.ACKNOWLEDGED, AlertChange.RESOLVED),
                    alertEvents.stream().map(MonitoringEvent::alertChange).toList());
            assertEquals(List.of("OPEN", "OPEN", "ACKNOWLEDGED", "RESOLVED"), alertEvents.stream().map(MonitoringEvent::alertStatus).toList());
            assertEquals(List.of("MODERATE", "HIGH", "HIGH", "HIGH"), alertEvents.stream().map(MonitoringEvent::severity).toList());

            decisions.forEach(d -> assertNull(d.alertChange(), "a decision is not an alert change"));
            for (MonitoringEvent event : concat(alertEvents, decisions)) {
                assertNotNull(event.source(), event.kind() + " " + event.ruleId() + " without a source");
                assertFalse(event.source().isBlank());
                assertEquals(ruleSetSource(event.ruleId()), event.source(), "the source of rule " + event.ruleId());
            }
        }
    }

    @Test
    void aDecisionOnAnInfectionCarriesTheScreeningKnowledgeSource() {
        String patient = "contract-2";
        try (MonitoringBus bus = new MonitoringBus()) {
            bus.fhir(patient, FhirFixtures.medicationRequest(patient, "mr-" + patient, 1, "Actemra", "IV", "RA", "active", "2026-11-01"));
            bus.fhir(patient, MonitoringBus.firstDose(patient, "Actemra", "2026-11-02T08:00:00Z"));
            String infection = knowledge.infections().content().snomed().codes().get(0).code();
            bus.fhir(patient, MonitoringBus.condition(patient, "ct-inf-1", 1, infection, "active", "confirmed"));
            MonitoringEvent decision = bus.await(patient, MonitoringEvent.TYPE_DECISION, 1, WAIT).get(0);
            assertEquals("INTERRUPT", decision.action());
            assertNull(decision.alertChange());
            assertEquals(knowledge.screening().content().infections().source(), decision.source());
            assertFalse(decision.source().isBlank());
        }
    }

    private String ruleSetSource(String ruleId) {
        return knowledge.labRules().content().ruleSets().stream()
                .filter(set -> set.rules().stream().map(LabRules.Rule::id).anyMatch(ruleId::equals))
                .map(LabRules.RuleSet::source).findFirst().orElseThrow(() -> new AssertionError("No rule " + ruleId));
    }

    private static List<MonitoringEvent> concat(List<MonitoringEvent> a, List<MonitoringEvent> b) {
        return Arrays.asList(java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(MonitoringEvent[]::new));
    }
}
