package org.ilsafety.monitoring.screening;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.ilsafety.common.fhir.EarlierResources;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.patient.PatientResourceKey;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.decision.Decision;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;
import org.ilsafety.monitoring.response.ClinicalResponse;
import org.ilsafety.monitoring.therapy.TherapyStart;

/**
 * Latent tuberculosis treated or not (issue 19; screening.yaml {@code latentTb}). A latent TB Condition with no treatment on
 * record blocks the start of tocilizumab (DO_NOT_START, subject {@code SCREEN:LATENT-TB}: "treat latent infection prior to
 * initiating"); after the first dose it raises an alert without a hold. With an active or completed MedicationRequest or
 * MedicationStatement of a treatment (isoniazid, rifampin, rifapentine) it is an information alert
 * ({@code SCREEN:LATENT-TB-TREATED}) and the block is released. The Condition resolved, refuted or entered in error ends both.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LatentTuberculosis {
    public static final String UNTREATED = StartScreening.cause("LATENT-TB");
    public static final String TREATED = StartScreening.cause("LATENT-TB-TREATED");
    private static final Set<String> TREATING = Set.of("active", "completed", "on-hold", "intended");

    private final EntityManager entityManager;
    private final MonitoringKnowledge knowledge;
    private final ActiveTherapies therapies;
    private final ClinicalResponse responses;

    public LatentTuberculosis(EntityManager entityManager, MonitoringKnowledge knowledge, ActiveTherapies therapies, ClinicalResponse responses) {
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.therapies = therapies;
        this.responses = responses;
    }

    private Screening.LatentTb rules() {
        return knowledge.screening().content().latentTb();
    }

    /** A Condition: kept when it is latent TB (or was); false when it is none. The patient's therapy is then re-evaluated. */
    public boolean record(Condition condition) {
        RecordedConditions.Recorded recorded = RecordedConditions.read(condition).orElseThrow();
        boolean latent = recorded.codes().stream().anyMatch(c -> rules().conditions().contains(c.system(), c.code(), null))
                || rules().conditions().contains(null, null, recorded.name());
        String patientId = PatientEventParser.patientOf(condition).orElseThrow();
        if (!keep(patientId, recorded.ref(), LatentTbRecord.CONDITION, recorded.name(), latent, latent && recorded.holds())) {
            return false;
        }
        therapies.find(patientId).ifPresent(t -> evaluate(t, Instant.now()));
        return true;
    }

    /** A MedicationRequest or MedicationStatement: kept when it is a treatment of latent TB; false when it is none. */
    public boolean recordTreatment(DomainResource medicine, EarlierResources earlier) {
        CodeableConcept concept = MedicineReader.read(medicine, earlier).concept();
        boolean treatment = isTreatment(concept);
        String status = medicine instanceof MedicationRequest r ? (r.getStatus() == null ? null : r.getStatus().toCode())
                : ((MedicationStatement) medicine).getStatus() == null ? null : ((MedicationStatement) medicine).getStatus().toCode();
        String patientId = PatientEventParser.patientOf(medicine).orElseThrow();
        String ref = medicine.fhirType() + "/" + medicine.getIdElement().getIdPart();
        if (!keep(patientId, ref, LatentTbRecord.TREATMENT, concept.getText(), treatment, treatment && (status == null || TREATING.contains(status)))) {
            return false;
        }
        therapies.find(patientId).ifPresent(t -> evaluate(t, Instant.now()));
        return true;
    }

    boolean isTreatment(CodeableConcept concept) {
        Screening.Treatments treatments = rules().treatments();
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode() && treatments.rxnorm().contains(coding.getCode().trim())) {
                return true;
            }
        }
        StringBuilder text = new StringBuilder(concept.hasText() ? concept.getText() : "");
        concept.getCoding().forEach(c -> text.append(' ').append(c.hasDisplay() ? c.getDisplay() : ""));
        String words = " " + text.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
        return treatments.names().stream().anyMatch(n -> words.contains(" " + n.toLowerCase(Locale.ROOT) + " "));
    }

    /** Stores the resource when it matches (or was stored before); false when it is not about latent TB. */
    private boolean keep(String patientId, String ref, String kind, String name, boolean matches, boolean active) {
        LatentTbRecord stored = entityManager.find(LatentTbRecord.class, new PatientResourceKey(patientId, ref));
        if (!matches && stored == null) {
            return false;
        }
        boolean isNew = stored == null;
        if (isNew) {
            stored = new LatentTbRecord();
            stored.patientId = patientId;
            stored.resourceRef = ref;
            stored.kind = kind;
        }
        stored.name = name == null || name.length() <= 500 ? name : name.substring(0, 500);
        stored.active = active;
        stored.updatedAt = Instant.now();
        if (isNew) {
            entityManager.persist(stored);
        }
        return true;
    }

    /** Judges the patient's latent TB for the therapy: block (before the first dose), alert, information, or nothing. */
    public void evaluate(ActiveTherapy therapy, Instant at) {
        String patientId = therapy.patientId;
        Screening.LatentTb rules = rules();
        Provenance provenance = new Provenance(rules.ruleId(), rules.source(), knowledge.screening().version());
        AlertCondition untreated = new AlertCondition(patientId, AlertType.SCREENING, UNTREATED);
        AlertCondition treatedAlert = new AlertCondition(patientId, AlertType.SCREENING, TREATED);
        List<LatentTbRecord> active = entityManager.createQuery("SELECT r FROM LatentTbRecord r WHERE r.patientId = :p AND r.active = true",
                LatentTbRecord.class).setParameter("p", patientId).getResultList();
        boolean latent = active.stream().anyMatch(r -> LatentTbRecord.CONDITION.equals(r.kind));
        boolean treated = active.stream().anyMatch(r -> LatentTbRecord.TREATMENT.equals(r.kind));
        boolean applies = latent && therapy.isCurrent() && rules.appliesTo(therapy.moleculeId, therapy.indication);
        if (!applies || treated) {
            responses.recover(untreated, applies ? "Latent tuberculosis treatment on record" : "No latent tuberculosis on record",
                    Decision.resume(patientId, UNTREATED, StartScreening.ANALYTE,
                            applies ? rules.treatedMessage() : "No latent tuberculosis on record: it no longer blocks the start.", at, provenance));
        }
        if (!applies) {
            responses.resolve(treatedAlert, "No latent tuberculosis on record");
            return;
        }
        if (treated) {
            responses.raise(new AlertRequest(treatedAlert, new AlertFinding(StartScreening.ANALYTE, Action.MONITOR, Severity.LOW,
                    rules.treatedMessage(), false, at), provenance));
            return;
        }
        responses.resolve(treatedAlert, "The latent tuberculosis treatment is no longer on record");
        if (TherapyStart.beforeFirstDose(therapy)) {
            responses.hold(new AlertRequest(untreated, new AlertFinding(StartScreening.ANALYTE, Action.DO_NOT_START, Severity.HIGH,
                    rules.untreatedMessage(), false, at), provenance));
        } else {
            responses.raise(new AlertRequest(untreated, new AlertFinding(StartScreening.ANALYTE, Action.MONITOR, Severity.HIGH,
                    rules.onTherapyMessage(), false, at), provenance));
        }
    }
}
