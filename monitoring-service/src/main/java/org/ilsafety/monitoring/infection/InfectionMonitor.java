package org.ilsafety.monitoring.infection;

import org.ilsafety.monitoring.therapy.TherapyStart;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertService;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.decision.Decision;
import org.ilsafety.monitoring.decision.DecisionService;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.InfectionKnowledge;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;

/**
 * Infections from Conditions: an active, not refuted infection interrupts a running therapy (or blocks its
 * start); the same Condition resolved or inactive releases the interruption, and RESUME follows when
 * nothing else holds it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class InfectionMonitor {
    public static final String ANALYTE = "INFECTION";

    private final EntityManager entityManager;
    private final MonitoringKnowledge knowledge;
    private final ActiveTherapies therapies;
    private final AlertService alerts;
    private final DecisionService decisions;
    private final InfectionValueSet valueSet;

    public InfectionMonitor(EntityManager entityManager, MonitoringKnowledge knowledge, ActiveTherapies therapies, AlertService alerts,
            DecisionService decisions) {
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.therapies = therapies;
        this.alerts = alerts;
        this.decisions = decisions;
        this.valueSet = new InfectionValueSet(knowledge.infections().content());
    }

    public static String cause(String conditionId) {
        return ANALYTE + ":" + conditionId;
    }

    public void record(Condition condition) {
        Optional<String> infection = valueSet.match(condition.getCode()).map(InfectionValueSet.Match::code);
        String patientId = PatientEventParser.patientOf(condition).orElseThrow();
        String conditionId = condition.getIdElement().getIdPart();
        PatientCondition stored = entityManager.find(PatientCondition.class, new PatientCondition.Key(patientId, conditionId));
        if (infection.isEmpty() && stored == null) {
            return;
        }
        boolean active = infection.isPresent() && isActive(condition);
        boolean isNew = stored == null;
        if (isNew) {
            stored = new PatientCondition();
            stored.patientId = patientId;
            stored.conditionId = conditionId;
        }
        stored.infectionCode = infection.orElse(stored.infectionCode);
        stored.active = active;
        stored.updatedAt = Instant.now();
        if (isNew) {
            entityManager.persist(stored);
        }
        Instant observedAt = condition.hasOnsetDateTimeType() && active ? condition.getOnsetDateTimeType().getValue().toInstant() : Instant.now();
        Optional<ActiveTherapy> therapy = therapies.find(patientId);
        Screening.Infections rules = knowledge.screening().content().infections();
        String version = knowledge.screening().version() + "/" + knowledge.infections().version();
        if (active) {
            if (therapy.isEmpty() || rules.exemptIndications().contains(therapy.get().indication) || !therapy.get().isCurrent()) {
                return; // no therapy to interrupt; the start screening finds it when an order arrives
            }
            hold(therapy.get(), conditionId, observedAt);
        } else {
            Optional<Alert> resolved = alerts.resolve(patientId, AlertType.INFECTION, cause(conditionId), "system", "The infection is no longer active");
            Optional<Alert> screening = alerts.resolve(patientId, AlertType.SCREENING, cause(conditionId), "system", "The infection is no longer active");
            String restart = therapy.map(t -> restartMessage(t)).orElse("Restart as prescribed.");
            decisions.release(patientId, cause(conditionId), new Decision(patientId, cause(conditionId), ANALYTE, Action.RESUME, false,
                    "The infection is no longer active. " + restart, observedAt, rules.ruleId(), rules.source(), version), resolved.or(() -> screening).orElse(null));
        }
    }

    /** An active infection: DO_NOT_START before the first dose (a SCREENING alert), INTERRUPT after it (an INFECTION alert). */
    private void hold(ActiveTherapy therapy, String conditionId, Instant observedAt) {
        String patientId = therapy.patientId;
        Screening.Infections rules = knowledge.screening().content().infections();
        String version = knowledge.screening().version() + "/" + knowledge.infections().version();
        boolean beforeStart = TherapyStart.beforeFirstDose(therapy);
        Action action = beforeStart ? Action.DO_NOT_START : Action.INTERRUPT;
        String message = beforeStart ? rules.beforeStartMessage()
                : seriousInfection(therapy).map(InfectionKnowledge.SeriousInfection::onTherapyMessage).orElse(rules.onTherapyMessage());
        Alert alert = alerts.raise(new AlertRequest(patientId, beforeStart ? AlertType.SCREENING : AlertType.INFECTION, cause(conditionId),
                ANALYTE, action, Severity.of(action), message, false, observedAt, rules.ruleId(), rules.source(), version));
        decisions.hold(new Decision(patientId, cause(conditionId), ANALYTE, action, false, message, observedAt, rules.ruleId(), rules.source(),
                version), alert);
    }

    /**
     * The first dose was given (issue 19): an infection still active that blocked the start now interrupts the therapy
     * (INTERRUPT replaces the DO_NOT_START hold), without the Condition being sent again; its start alert is resolved. A
     * cause already interrupting is left alone, so a later dose changes nothing.
     */
    public void firstDoseGiven(ActiveTherapy therapy, Instant at) {
        Screening.Infections rules = knowledge.screening().content().infections();
        if (rules.exemptIndications().contains(therapy.indication) || !therapy.isCurrent() || TherapyStart.beforeFirstDose(therapy)) {
            return;
        }
        for (PatientCondition infection : activeInfections(therapy.patientId)) {
            String cause = cause(infection.conditionId);
            if (decisions.find(therapy.patientId, cause).map(h -> h.action != Action.DO_NOT_START).orElse(false)) {
                continue; // already interrupting (a later dose, or the Condition sent again)
            }
            hold(therapy, infection.conditionId, at);
            alerts.resolve(therapy.patientId, AlertType.SCREENING, cause(infection.conditionId), "system",
                    "The first dose was given: the infection now interrupts therapy");
        }
    }

    /** Active infections of a patient (for the start screening). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PatientCondition> activeInfections(String patientId) {
        return entityManager.createQuery("SELECT c FROM PatientCondition c WHERE c.patientId = :patient AND c.active = true", PatientCondition.class)
                .setParameter("patient", patientId).getResultList();
    }

    private String restartMessage(ActiveTherapy therapy) {
        return seriousInfection(therapy).map(InfectionKnowledge.SeriousInfection::resolvedMessage)
                .orElse("Restart as prescribed once the infection is controlled.");
    }

    /** The serious-infection rule of the therapy's drug (infections.yaml seriousInfection). */
    private Optional<InfectionKnowledge.SeriousInfection> seriousInfection(ActiveTherapy therapy) {
        return knowledge.infections().content().seriousInfection().stream().filter(r -> r.drug().equals(therapy.moleculeId)).findFirst();
    }

    private boolean isActive(Condition condition) {
        Screening.Infections rules = knowledge.screening().content().infections();
        String clinical = firstCode(condition.getClinicalStatus());
        String verification = firstCode(condition.getVerificationStatus());
        if (verification != null && rules.ignoredVerificationStatus().contains(verification)) {
            return false;
        }
        return clinical != null && rules.activeClinicalStatus().contains(clinical) && !condition.hasAbatement();
    }

    private static String firstCode(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        return concept.getCoding().stream().map(Coding::getCode).filter(c -> c != null).findFirst().orElse(null);
    }
}
