package org.ilsafety.monitoring.infection;

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
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.patient.PatientResourceKey;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.decision.Decision;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.InfectionKnowledge;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;
import org.ilsafety.monitoring.response.ClinicalResponse;
import org.ilsafety.monitoring.therapy.TherapyStart;

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
    private final ClinicalResponse responses;
    private final InfectionValueSet valueSet;

    public InfectionMonitor(EntityManager entityManager, MonitoringKnowledge knowledge, ActiveTherapies therapies, ClinicalResponse responses) {
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.therapies = therapies;
        this.responses = responses;
        this.valueSet = new InfectionValueSet(knowledge.infections().content());
    }

    public static String cause(String conditionId) {
        return ANALYTE + ":" + conditionId;
    }

    public void record(Condition condition) {
        Optional<String> infection = valueSet.match(condition.getCode()).map(InfectionValueSet.Match::code);
        String patientId = PatientEventParser.patientOf(condition).orElseThrow();
        String conditionId = condition.getIdElement().getIdPart();
        PatientCondition stored = entityManager.find(PatientCondition.class, new PatientResourceKey(patientId, conditionId));
        if (infection.isEmpty() && stored == null) {
            return;
        }
        boolean active = infection.isPresent() && isActive(condition);
        boolean isNew = stored == null;
        if (isNew) {
            stored = new PatientCondition();
            stored.patientId = patientId;
            stored.resourceRef = conditionId;
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
        if (active) {
            if (therapy.isEmpty() || rules.exemptIndications().contains(therapy.get().indication) || !therapy.get().isCurrent()) {
                return; // no therapy to interrupt; the start screening finds it when an order arrives
            }
            hold(therapy.get(), conditionId, observedAt);
        } else {
            String cause = cause(conditionId);
            String ended = "The infection is no longer active";
            Optional<Alert> resolved = responses.resolve(new AlertCondition(patientId, AlertType.INFECTION, cause), ended);
            Optional<Alert> screening = responses.resolve(new AlertCondition(patientId, AlertType.SCREENING, cause), ended);
            String restart = therapy.map(t -> restartMessage(t)).orElse("Restart as prescribed.");
            responses.release(patientId, cause, Decision.resume(patientId, cause, ANALYTE, "The infection is no longer active. " + restart,
                    observedAt, provenance()), resolved.or(() -> screening).orElse(null));
        }
    }

    /** An active infection: DO_NOT_START before the first dose (a SCREENING alert), INTERRUPT after it (an INFECTION alert). */
    private void hold(ActiveTherapy therapy, String conditionId, Instant observedAt) {
        String patientId = therapy.patientId;
        Screening.Infections rules = knowledge.screening().content().infections();
        boolean beforeStart = TherapyStart.beforeFirstDose(therapy);
        Action action = beforeStart ? Action.DO_NOT_START : Action.INTERRUPT;
        String message = beforeStart ? rules.beforeStartMessage()
                : seriousInfection(therapy).map(InfectionKnowledge.SeriousInfection::onTherapyMessage).orElse(rules.onTherapyMessage());
        responses.hold(new AlertRequest(new AlertCondition(patientId, beforeStart ? AlertType.SCREENING : AlertType.INFECTION, cause(conditionId)),
                new AlertFinding(ANALYTE, action, Severity.of(action), message, false, observedAt), provenance()));
    }

    /** The infection rule: screening.yaml's {@code infections}, versioned with both screening.yaml and infections.yaml. */
    private Provenance provenance() {
        Screening.Infections rules = knowledge.screening().content().infections();
        return new Provenance(rules.ruleId(), rules.source(), knowledge.screening().version() + "/" + knowledge.infections().version());
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
            String cause = cause(infection.resourceRef);
            if (responses.holdOf(therapy.patientId, cause).map(h -> h.action != Action.DO_NOT_START).orElse(false)) {
                continue; // already interrupting (a later dose, or the Condition sent again)
            }
            hold(therapy, infection.resourceRef, at);
            responses.resolve(new AlertCondition(therapy.patientId, AlertType.SCREENING, cause),
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
