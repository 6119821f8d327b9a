package org.ilsafety.monitoring.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.decision.Decision;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.grading.Grade;
import org.ilsafety.monitoring.grading.LabGrader;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.infection.InfectionMonitor;
import org.ilsafety.monitoring.infection.PatientCondition;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;
import org.ilsafety.monitoring.lab.LabResult;
import org.ilsafety.monitoring.lab.LabResults;
import org.ilsafety.monitoring.lab.ObservationReader;
import org.ilsafety.monitoring.response.ClinicalResponse;
import org.ilsafety.monitoring.schedule.ScheduleService;
import org.ilsafety.monitoring.therapy.TherapyContext;
import org.ilsafety.monitoring.therapy.TherapyStart;

/**
 * Pre-treatment screening when a therapy is ordered: a TB test and hepatitis B screen on file and
 * negative, no active infection, no untreated latent tuberculosis ({@link LatentTuberculosis}), and baseline labs within
 * the initiation thresholds. What fails blocks the
 * start (DO_NOT_START) with an alert; a missing screen raises an alert (and blocks too when the knowledge
 * says {@code missingScreenAction: DO_NOT_START}); a missing baseline lab raises an alert ({@link BaselineLabs}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StartScreening {
    public static final String ANALYTE = "SCREENING";
    /** The TB screen (IGRA or tuberculin skin test) and the schedule group of its yearly re-test (schedule.yaml TB_RETEST). */
    static final String TB_SCREEN = "TB";
    static final String TB_RETEST = "TB_RETEST";

    private final EntityManager entityManager;
    private final MonitoringKnowledge knowledge;
    private final ActiveTherapies therapies;
    private final LabResults results;
    private final LabGrader grader;
    private final InfectionMonitor infections;
    private final ClinicalResponse responses;
    private final BaselineLabs baselines;
    private final LatentTuberculosis latentTb;
    private final ScheduleService schedules;

    public StartScreening(EntityManager entityManager, MonitoringKnowledge knowledge, ActiveTherapies therapies, LabResults results,
            LabGrader grader, InfectionMonitor infections, ClinicalResponse responses, BaselineLabs baselines, LatentTuberculosis latentTb,
            ScheduleService schedules) {
        this.schedules = schedules;
        this.latentTb = latentTb;
        this.baselines = baselines;
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.therapies = therapies;
        this.results = results;
        this.grader = grader;
        this.infections = infections;
        this.responses = responses;
    }

    public static String cause(String what) {
        return "SCREEN:" + what;
    }

    /** Screens a newly ordered therapy. */
    public void screen(ActiveTherapy therapy) {
        Instant now = Instant.now();
        Screening screening = knowledge.screening().content();
        String version = knowledge.screening().version();
        if (!screening.infections().exemptIndications().contains(therapy.indication)) {
            for (PatientCondition infection : infections.activeInfections(therapy.patientId)) {
                String cause = InfectionMonitor.cause(infection.resourceRef);
                Screening.Infections rules = screening.infections();
                block(new AlertCondition(therapy.patientId, AlertType.SCREENING, cause), InfectionMonitor.ANALYTE, rules.beforeStartMessage(), now,
                        new Provenance(rules.ruleId(), rules.source(), version));
            }
        }
        for (Screening.Screen screen : applicable(therapy)) {
            Optional<ScreeningResult> latest = latest(therapy.patientId, screen.id());
            String outcome = latest.map(r -> r.outcome).orElse("MISSING");
            if ("NEGATIVE".equals(outcome) || "MISSING".equals(outcome) && !screen.missingAlerts()) {
                continue;
            }
            if ("POSITIVE".equals(outcome) && screen.alertsOnly()) {
                evaluate(therapy.patientId, screen, now, version);
                continue;
            }
            if ("POSITIVE".equals(outcome) || screening.missingScreenAction() == Screening.MissingScreenAction.DO_NOT_START) {
                String message = screen.display() + ": " + ("POSITIVE".equals(outcome) ? screening.positiveScreenMessage() : screening.missingScreenMessage());
                block(condition(therapy.patientId, screen), ANALYTE, message, now, provenance(screen, version));
            } else {
                responses.raise(new AlertRequest(condition(therapy.patientId, screen), new AlertFinding(ANALYTE, Action.MONITOR, Severity.MODERATE,
                        screen.display() + " (" + outcome.toLowerCase() + "): " + screening.missingScreenMessage(), false, now),
                        provenance(screen, version)));
            }
        }
        latentTb.evaluate(therapy, now);
        baselineLabs(therapy, now, screening.baselineMaxAgeDays());
        baselines.check(therapy, now);
    }

    /** A screen result arrived: before the first dose it can block or clear the start. */
    public void record(ObservationReader.ScreenReading reading) {
        ScreeningResult stored = entityManager.find(ScreeningResult.class,
                new ScreeningResult.Key(reading.patientId(), reading.screen().id(), reading.observationId()));
        boolean isNew = stored == null;
        if (isNew) {
            stored = new ScreeningResult();
            stored.patientId = reading.patientId();
            stored.screen = reading.screen().id();
            stored.observationId = reading.observationId();
        }
        stored.outcome = reading.outcome();
        stored.observedAt = reading.observedAt();
        if (isNew) {
            entityManager.persist(stored);
        }
        Optional<ActiveTherapy> therapy = therapies.find(reading.patientId());
        if (therapy.isEmpty() || !applicable(therapy.get()).contains(reading.screen())) {
            return;
        }
        if (TB_SCREEN.equals(reading.screen().id()) && !"INDETERMINATE".equals(reading.outcome())) {
            schedules.recordResult(reading.patientId(), TB_RETEST, reading.observedAt()); // the yearly re-test counts from it
        }
        Screening screening = knowledge.screening().content();
        String version = knowledge.screening().version();
        Screening.Screen screen = reading.screen();
        AlertCondition condition = condition(reading.patientId(), screen);
        if ("NEGATIVE".equals(reading.outcome())) {
            responses.recover(condition, screen.display() + " negative", Decision.resume(reading.patientId(), condition.subject(), ANALYTE,
                    screen.display() + " negative: it no longer blocks the start.", reading.observedAt(), provenance(screen, version)));
        } else if ("POSITIVE".equals(reading.outcome()) && screen.alertsOnly()) {
            evaluate(reading.patientId(), screen, reading.observedAt(), version);
        } else if ("POSITIVE".equals(reading.outcome())) {
            String message = screen.display() + ": " + screening.positiveScreenMessage();
            if (TherapyStart.beforeFirstDose(therapy.get())) {
                block(condition, ANALYTE, message, reading.observedAt(), provenance(screen, version));
            } else {
                responses.raise(new AlertRequest(condition, new AlertFinding(ANALYTE, Action.MONITOR, Severity.HIGH,
                        screen.display() + " positive during therapy: evaluate for active disease.", false, reading.observedAt()),
                        provenance(screen, version)));
            }
        }
    }

    private void baselineLabs(ActiveTherapy therapy, Instant now, int maxAgeDays) {
        Instant oldest = now.minus(Duration.ofDays(maxAgeDays));
        for (LabRules.Analyte analyte : knowledge.labRules().content().analytes()) {
            Optional<LabResult> latest = results.latest(therapy.patientId, analyte.id()).filter(r -> r.observedAt.isAfter(oldest));
            if (latest.isEmpty()) {
                continue;
            }
            LabResult r = latest.get();
            Grade grade = grader.grade(TherapyContext.initiation(therapy), new LabValue(r.loinc, r.value, r.unit, r.referenceHigh, null));
            if (grade.graded() && grade.finding().action() == Action.DO_NOT_START) {
                // The lab path's alert (LAB_ABNORMAL, subject the analyte): a newer result in the start band resolves it and releases the block.
                block(new AlertCondition(therapy.patientId, AlertType.LAB_ABNORMAL, analyte.id()), analyte.id(), "Baseline: " + grade.finding().message(),
                        r.observedAt, grade.finding().provenance());
            }
        }
    }

    /** A positive screen the label gives no block for (anti-HBc alone): an alert to evaluate, never a DO_NOT_START. */
    private void evaluate(String patientId, Screening.Screen screen, Instant observedAt, String version) {
        responses.raise(new AlertRequest(condition(patientId, screen), new AlertFinding(ANALYTE, Action.MONITOR, Severity.HIGH,
                screen.display() + ": " + screen.positiveMessage(), false, observedAt), provenance(screen, version)));
    }

    /** What fails the screening blocks the start: a DO_NOT_START alert and hold, the cause being the alert's subject. */
    private void block(AlertCondition condition, String analyte, String message, Instant observedAt, Provenance provenance) {
        responses.hold(new AlertRequest(condition, new AlertFinding(analyte, Action.DO_NOT_START, Severity.HIGH, message, false, observedAt),
                provenance));
    }

    /** A screen's alert: SCREENING about {@code SCREEN:<screen>}. */
    private static AlertCondition condition(String patientId, Screening.Screen screen) {
        return new AlertCondition(patientId, AlertType.SCREENING, cause(screen.id()));
    }

    private static Provenance provenance(Screening.Screen screen, String version) {
        return new Provenance(screen.ruleId(), screen.source(), version);
    }

    private List<Screening.Screen> applicable(ActiveTherapy therapy) {
        return knowledge.screening().content().screens().stream()
                .filter(s -> s.drugs().contains(therapy.moleculeId) && !s.exemptIndications().contains(therapy.indication)).toList();
    }

    private Optional<ScreeningResult> latest(String patientId, String screen) {
        return entityManager.createQuery("SELECT s FROM ScreeningResult s WHERE s.patientId = :patient AND s.screen = :screen ORDER BY s.observedAt DESC",
                ScreeningResult.class).setParameter("patient", patientId).setParameter("screen", screen).setMaxResults(1).getResultStream().findFirst();
    }
}
