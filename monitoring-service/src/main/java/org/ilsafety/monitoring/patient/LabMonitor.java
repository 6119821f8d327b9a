package org.ilsafety.monitoring.patient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
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
import org.ilsafety.monitoring.decision.PlanHold;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.grading.FindingStatus;
import org.ilsafety.monitoring.grading.Grade;
import org.ilsafety.monitoring.grading.LabGrader;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.grading.Therapy;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.schedule.ScheduleService;

/**
 * Stores a patient's lab result and, when the therapy is known, grades it with its history: a persistent
 * elevation, a confirmed one, a recovery. Alerts and plan decisions follow from the grade.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class LabMonitor {
    private static final int HISTORY = 5;

    private final LabResults results;
    private final LabGrader grader;
    private final ActiveTherapies therapies;
    private final AlertService alerts;
    private final DecisionService decisions;
    private final ScheduleService schedules;

    public LabMonitor(LabResults results, LabGrader grader, ActiveTherapies therapies, AlertService alerts, DecisionService decisions,
            ScheduleService schedules) {
        this.results = results;
        this.grader = grader;
        this.therapies = therapies;
        this.alerts = alerts;
        this.decisions = decisions;
        this.schedules = schedules;
    }

    public LabResult record(ObservationReader.LabReading reading) {
        LabValue lab = new LabValue(reading.loinc(), reading.value(), reading.unit(), reading.referenceHigh(), reading.referenceHighUnit());
        LabResult result = results.byObservation(reading.patientId(), reading.observationId()).orElseGet(LabResult::new);
        result.patientId = reading.patientId();
        result.observationId = reading.observationId();
        result.loinc = reading.loinc();
        result.analyte = reading.analyte().id();
        result.value = reading.value();
        result.unit = reading.unit();
        result.referenceHigh = reading.referenceHigh();
        result.observedAt = reading.observedAt();
        result.receivedAt = Instant.now();
        result.scaledValue = grader.scaledValue(reading.analyte(), lab).orElse(null);
        Optional<ActiveTherapy> therapy = therapies.find(reading.patientId());
        if (therapy.isEmpty()) {
            result.status = "NO_THERAPY";
            result.message = "Stored, not graded: no tocilizumab or anakinra therapy is recorded for this patient.";
            results.save(result);
            return result;
        }
        Therapy context = TherapyContext.of(therapy.get());
        Grade grade = grader.grade(context, lab);
        result.status = grade.finding().status().name();
        result.gradingContext = context.context().name();
        result.convertedValue = grade.finding().value();
        result.convertedUnit = grade.finding().unit();
        result.band = grade.finding().band();
        result.action = grade.finding().action();
        result.ruleId = grade.finding().ruleId();
        result.knowledgeVersion = grade.finding().knowledgeVersion();
        result.message = grade.finding().message();
        results.save(result);
        schedules.recordResult(reading.patientId(), reading.analyte().scheduleGroup(), reading.observedAt());
        List<LabResult> recent = results.recent(result.patientId, result.analyte, HISTORY + 1);
        boolean latest = recent.isEmpty() || recent.get(0).observationId.equals(result.observationId);
        List<LabResult> earlier = latest ? recent.subList(Math.min(1, recent.size()), recent.size()) : List.of();
        if (grade.finding().status() == FindingStatus.UNGRADABLE) {
            alerts.raise(new AlertRequest(reading.patientId(), AlertType.LAB_UNGRADABLE, result.analyte, result.analyte, Action.MONITOR,
                    Severity.MODERATE, grade.finding().message(), false, reading.observedAt(), grade.finding().ruleId(),
                    grade.finding().source(), grade.finding().knowledgeVersion()));
        } else if (grade.graded()) {
            if (latest && !earlier.isEmpty() && FindingStatus.UNGRADABLE.name().equals(earlier.get(0).status)) {
                alerts.resolve(reading.patientId(), AlertType.LAB_UNGRADABLE, result.analyte, "system", "A gradable result arrived");
            }
            // A late result (older than one already graded) is stored and graded, but does not drive the plan.
            if (latest && InfectionMonitor.onTherapy(therapy.get())) {
                act(therapy.get(), grade, result, earlier.stream().map(r -> r.scaledValue).toList());
            }
        }
        return result;
    }

    private void act(ActiveTherapy therapy, Grade grade, LabResult result, List<Double> earlier) {
        String patientId = result.patientId;
        String analyte = result.analyte;
        LabRules.Rule rule = grade.rule();
        HistoryRule.Outcome outcome = HistoryRule.apply(rule, earlier);
        Action action = outcome.action();
        boolean review = rule.reviewIndividually() && action != Action.MONITOR && action != Action.CONTINUE;
        String version = grade.finding().knowledgeVersion();
        String source = grade.finding().source();

        Optional<PlanHold> hold = decisions.find(patientId, analyte);
        Optional<LabRules.Recovery> recovery = grade.recovery();
        if (hold.isPresent() && hold.get().action == Action.INTERRUPT && recovery.isPresent() && result.scaledValue != null
                && recovery.get().recovered(result.scaledValue)) {
            Optional<Alert> resolved = alerts.resolve(patientId, AlertType.LAB_ABNORMAL, analyte, "system",
                    analyte + " recovered (" + grade.finding().band() + ")");
            String restart = restartMessage(grade.ruleSet(), therapy.route);
            decisions.release(patientId, analyte, new Decision(patientId, analyte, analyte, Action.RESUME, false,
                    analyte + " recovered (" + grade.finding().band() + "). " + restart, result.observedAt, rule.id(), version),
                    resolved.orElse(null));
            if (action == Action.REDUCE_DOSE) {
                action = Action.MONITOR; // the restart is already at the reduced dose
            }
        }
        switch (action) {
            case CONTINUE -> {
                alerts.resolve(patientId, AlertType.LAB_ABNORMAL, analyte, "system", "A newer normal result (" + grade.finding().band() + ")");
                if (hold.isPresent() && hold.get().action == Action.REDUCE_DOSE) {
                    decisions.release(patientId, analyte, null, null);
                } else if (hold.isPresent() && hold.get().action == Action.DO_NOT_START) {
                    decisions.release(patientId, analyte, new Decision(patientId, analyte, analyte, Action.RESUME, false,
                            analyte + " " + grade.finding().band() + " no longer blocks the start.", result.observedAt, rule.id(), version), null);
                }
            }
            case MONITOR -> alerts.raise(alert(patientId, analyte, action, message(rule, outcome, therapy, grade), review, result, rule, source, version));
            case REDUCE_DOSE, INTERRUPT, DISCONTINUE, DO_NOT_START -> {
                String message = message(rule, outcome, therapy, grade);
                Alert alert = alerts.raise(alert(patientId, analyte, action, message, review, result, rule, source, version));
                decisions.hold(new Decision(patientId, analyte, analyte, action, review, message, result.observedAt, rule.id(), version), alert);
            }
            case RESUME -> throw new IllegalStateException("RESUME is never a band action");
        }
    }

    private static AlertRequest alert(String patientId, String analyte, Action action, String message, boolean review, LabResult result,
            LabRules.Rule rule, String source, String version) {
        return new AlertRequest(patientId, AlertType.LAB_ABNORMAL, analyte, analyte, action, Severity.of(action), message, review,
                result.observedAt, rule.id(), source, version);
    }

    private static String message(LabRules.Rule rule, HistoryRule.Outcome outcome, ActiveTherapy therapy, Grade grade) {
        String band = grade.finding().analyte() + " " + grade.finding().band() + ": ";
        if (!outcome.confirmed()) {
            return band + "unconfirmed; repeat the test to confirm. " + rule.message();
        }
        if (outcome.persistent()) {
            String reduce = outcome.action() == Action.REDUCE_DOSE && grade.ruleSet().reduce() != null && therapy.route != null
                    ? " " + grade.ruleSet().reduce().getOrDefault(therapy.route, "") : "";
            return band + "persistent over " + outcome.consecutive() + " results. " + rule.message() + reduce;
        }
        return band + rule.message();
    }

    static String restartMessage(LabRules.RuleSet ruleSet, String route) {
        if (ruleSet == null || ruleSet.restart() == null || route == null) {
            return "Restart as prescribed.";
        }
        return ruleSet.restart().getOrDefault(route, "Restart as prescribed.");
    }
}
