package org.ilsafety.monitoring.screening;

import org.ilsafety.monitoring.lab.LabResult;
import org.ilsafety.monitoring.lab.LabResults;
import org.ilsafety.monitoring.lab.ObservationReader;
import org.ilsafety.monitoring.infection.InfectionMonitor;
import org.ilsafety.monitoring.infection.PatientCondition;
import org.ilsafety.monitoring.therapy.TherapyContext;
import org.ilsafety.monitoring.therapy.TherapyStart;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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
import org.ilsafety.monitoring.grading.Grade;
import org.ilsafety.monitoring.grading.LabGrader;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;
import org.ilsafety.monitoring.schedule.ScheduleService;

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
    private final AlertService alerts;
    private final DecisionService decisions;
    private final BaselineLabs baselines;
    private final LatentTuberculosis latentTb;
    private final ScheduleService schedules;

    public StartScreening(EntityManager entityManager, MonitoringKnowledge knowledge, ActiveTherapies therapies, LabResults results,
            LabGrader grader, InfectionMonitor infections, AlertService alerts, DecisionService decisions, BaselineLabs baselines,
            LatentTuberculosis latentTb, ScheduleService schedules) {
        this.schedules = schedules;
        this.latentTb = latentTb;
        this.baselines = baselines;
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.therapies = therapies;
        this.results = results;
        this.grader = grader;
        this.infections = infections;
        this.alerts = alerts;
        this.decisions = decisions;
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
                String cause = InfectionMonitor.cause(infection.conditionId);
                block(therapy.patientId, cause, InfectionMonitor.ANALYTE, screening.infections().beforeStartMessage(), now,
                        screening.infections().ruleId(), screening.infections().source(), version);
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
                block(therapy.patientId, cause(screen.id()), ANALYTE, message, now, screen.ruleId(), screen.source(), version);
            } else {
                alerts.raise(new AlertRequest(therapy.patientId, AlertType.SCREENING, cause(screen.id()), ANALYTE, Action.MONITOR, Severity.MODERATE,
                        screen.display() + " (" + outcome.toLowerCase() + "): " + screening.missingScreenMessage(), false, now, screen.ruleId(),
                        screen.source(), version));
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
        String cause = cause(screen.id());
        if ("NEGATIVE".equals(reading.outcome())) {
            Optional<Alert> resolved = alerts.resolve(reading.patientId(), AlertType.SCREENING, cause, "system", screen.display() + " negative");
            decisions.release(reading.patientId(), cause, new Decision(reading.patientId(), cause, ANALYTE, Action.RESUME, false,
                    screen.display() + " negative: it no longer blocks the start.", reading.observedAt(), screen.ruleId(), screen.source(), version), resolved.orElse(null));
        } else if ("POSITIVE".equals(reading.outcome()) && screen.alertsOnly()) {
            evaluate(reading.patientId(), screen, reading.observedAt(), version);
        } else if ("POSITIVE".equals(reading.outcome())) {
            String message = screen.display() + ": " + screening.positiveScreenMessage();
            if (TherapyStart.beforeFirstDose(therapy.get())) {
                block(reading.patientId(), cause, ANALYTE, message, reading.observedAt(), screen.ruleId(), screen.source(), version);
            } else {
                alerts.raise(new AlertRequest(reading.patientId(), AlertType.SCREENING, cause, ANALYTE, Action.MONITOR, Severity.HIGH,
                        screen.display() + " positive during therapy: evaluate for active disease.", false, reading.observedAt(), screen.ruleId(),
                        screen.source(), version));
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
                block(AlertType.LAB_ABNORMAL, therapy.patientId, analyte.id(), analyte.id(), "Baseline: " + grade.finding().message(), r.observedAt, grade.finding().ruleId(), grade.finding().source(),
                        grade.finding().knowledgeVersion());
            }
        }
    }

    /** A positive screen the label gives no block for (anti-HBc alone): an alert to evaluate, never a DO_NOT_START. */
    private void evaluate(String patientId, Screening.Screen screen, Instant observedAt, String version) {
        alerts.raise(new AlertRequest(patientId, AlertType.SCREENING, cause(screen.id()), ANALYTE, Action.MONITOR, Severity.HIGH,
                screen.display() + ": " + screen.positiveMessage(), false, observedAt, screen.ruleId(), screen.source(), version));
    }

    private void block(String patientId, String cause, String analyte, String message, Instant observedAt, String ruleId, String source,
            String version) {
        block(AlertType.SCREENING, patientId, cause, analyte, message, observedAt, ruleId, source, version);
    }

    private void block(AlertType type, String patientId, String cause, String analyte, String message, Instant observedAt, String ruleId,
            String source, String version) {
        Alert alert = alerts.raise(new AlertRequest(patientId, type, cause, analyte, Action.DO_NOT_START, Severity.HIGH, message,
                false, observedAt, ruleId, source, version));
        decisions.hold(new Decision(patientId, cause, analyte, Action.DO_NOT_START, false, message, observedAt, ruleId, source, version), alert);
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
