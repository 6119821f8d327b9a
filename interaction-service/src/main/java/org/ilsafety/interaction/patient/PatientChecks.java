package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.Topics;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.therapy.ActiveTherapyChanged;
import org.ilsafety.interaction.check.CheckRequest;
import org.ilsafety.interaction.check.Finding;
import org.ilsafety.interaction.check.ImmunizationInput;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.MedicationInput;
import org.ilsafety.interaction.check.Today;
import org.jboss.logging.Logger;

/**
 * Re-checks a patient whenever the therapy, a medicine, a vaccination, a condition or an allergy changes, in the transaction of
 * the change: a new finding is opened and published, one that still holds is left alone (not published
 * again), one that no longer holds is closed and published as closed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PatientChecks {
    public static final String TYPE_OPENED = "org.ilsafety.interaction.finding.opened";
    public static final String TYPE_CLOSED = "org.ilsafety.interaction.finding.closed";
    private static final Logger LOG = Logger.getLogger(PatientChecks.class);

    private final EntityManager entityManager;
    private final ActiveTherapies therapies;
    private final PatientRecords records;
    private final InteractionChecker checker;
    private final DetectedIssueWriter writer;
    private final Outbox outbox;
    private final Today today;
    private final Pseudonymizer pseudonymizer;

    public PatientChecks(EntityManager entityManager, ActiveTherapies therapies, PatientRecords records, InteractionChecker checker,
            DetectedIssueWriter writer, Outbox outbox, Today today, Pseudonymizer pseudonymizer) {
        this.entityManager = entityManager;
        this.therapies = therapies;
        this.records = records;
        this.checker = checker;
        this.writer = writer;
        this.outbox = outbox;
        this.today = today;
        this.pseudonymizer = pseudonymizer;
    }

    /** dosing-service changed the therapy (status, last dose): re-check in the same transaction. */
    void onTherapyChanged(@Observes ActiveTherapyChanged changed) {
        recheck(changed.therapy().patientId);
    }

    public void recheck(String patientId) {
        // One re-check per patient at a time (patient-events and therapy-plan-events run on separate threads).
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:p))").setParameter("p", "interaction:" + patientId)
                .getSingleResult();
        Optional<ActiveTherapy> therapy = therapies.find(patientId);
        LocalDate asOf = today.date();
        Map<String, Finding> current = new HashMap<>();
        if (therapy.isPresent() && checker.knowsDrug(therapy.get().moleculeId)) {
            CheckRequest request = new CheckRequest(TherapyView.of(therapy.get(), today.zone()),
                    records.activeMedications(patientId).stream().map(m -> new MedicationInput(m.resourceRef, m.name, m.rxnorm, m.atc)).toList(),
                    records.activeImmunizations(patientId).stream()
                            .map(i -> new ImmunizationInput(i.resourceRef, i.cvx, i.name, i.occurrenceDate)).toList(),
                    records.contextConditions(patientId),
                    asOf);
            checker.check(request).findings().forEach(f -> current.putIfAbsent(f.key(), f));
        }
        Instant now = Instant.now();
        Map<String, InteractionFinding> stored = new HashMap<>();
        findings(patientId, false).forEach(f -> stored.put(f.findingKey, f));
        int opened = 0;
        int closed = 0;
        for (Finding finding : current.values()) {
            InteractionFinding row = stored.get(finding.key());
            if (row != null && InteractionFinding.OPEN.equals(row.status)) {
                row.validUntil = finding.validUntil();
                continue;
            }
            boolean isNew = row == null;
            row = isNew ? new InteractionFinding() : row;
            fill(row, patientId, finding, now);
            if (isNew) {
                row.id = UUID.randomUUID();
                entityManager.persist(row);
            }
            outbox.publishFhir(Topics.INTERACTION_FINDINGS, patientId, TYPE_OPENED, writer.toJson(row, therapy.orElse(null)));
            opened++;
        }
        for (InteractionFinding row : stored.values()) {
            if (InteractionFinding.OPEN.equals(row.status) && !current.containsKey(row.findingKey)) {
                row.status = InteractionFinding.CLOSED;
                row.closedAt = now;
                row.closeReason = closeReason(row, therapy.orElse(null), asOf);
                outbox.publishFhir(Topics.INTERACTION_FINDINGS, patientId, TYPE_CLOSED, writer.toJson(row, therapy.orElse(null)));
                closed++;
            }
        }
        if (opened + closed > 0) {
            LOG.infof("Re-check of %s: %d finding(s) opened, %d closed", pseudonymizer.of(patientId), opened, closed);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<InteractionFinding> findings(String patientId, boolean openOnly) {
        return entityManager.createQuery("FROM InteractionFinding f WHERE f.patientId = :p"
                + (openOnly ? " AND f.status = 'OPEN'" : "") + " ORDER BY f.openedAt, f.findingKey", InteractionFinding.class)
                .setParameter("p", patientId).getResultList();
    }

    /** Patients with an open finding whose exposure window has passed, for the window sweep. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> patientsWithExpiredFindings(LocalDate asOf) {
        return entityManager.createQuery("SELECT DISTINCT f.patientId FROM InteractionFinding f WHERE f.status = 'OPEN' AND f.validUntil < :d",
                String.class).setParameter("d", asOf).getResultList();
    }

    private static void fill(InteractionFinding row, String patientId, Finding finding, Instant now) {
        row.patientId = patientId;
        row.findingKey = finding.key();
        row.status = InteractionFinding.OPEN;
        row.category = finding.category().name();
        row.severity = finding.severity().name();
        row.provenance = finding.provenance();
        row.verified = finding.verified();
        row.inputRef = finding.matched().ref();
        row.inputName = finding.matched().name() != null ? finding.matched().name() : finding.matched().cvx();
        row.resolvedKind = finding.resolvedTo().kind();
        row.resolvedId = finding.resolvedTo().id();
        row.resolvedDisplay = finding.resolvedTo().display();
        row.mechanism = finding.mechanism();
        row.management = finding.management();
        row.validUntil = finding.validUntil();
        row.openedAt = now;
        row.closedAt = null;
        row.closeReason = null;
        // a new episode: back on the worklist until a person acknowledges it again
        row.acknowledgedBy = null;
        row.acknowledgedAt = null;
        row.acknowledgementReason = null;
    }

    private static String closeReason(InteractionFinding row, ActiveTherapy therapy, LocalDate asOf) {
        if (therapy == null) {
            return "no interleukin-blocking therapy recorded";
        }
        if (row.validUntil != null && asOf.isAfter(row.validUntil)) {
            return "exposure window ended " + row.validUntil;
        }
        return "no longer applies (medicine, vaccination, condition, allergy or therapy changed)";
    }
}
