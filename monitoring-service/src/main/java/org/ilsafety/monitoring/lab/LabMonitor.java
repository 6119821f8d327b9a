package org.ilsafety.monitoring.lab;

import org.ilsafety.monitoring.infection.InfectionMonitor;
import org.ilsafety.monitoring.screening.BaselineLabs;
import org.ilsafety.monitoring.therapy.TherapyContext;
import org.ilsafety.monitoring.response.PatientState;
import org.ilsafety.monitoring.response.PatientStates;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
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
    private final LabResults results;
    private final LabGrader grader;
    private final PatientStates states;
    private final AlertService alerts;
    private final DecisionService decisions;
    private final ScheduleService schedules;
    private final BaselineLabs baselines;

    public LabMonitor(LabResults results, LabGrader grader, PatientStates states, AlertService alerts, DecisionService decisions,
            ScheduleService schedules, BaselineLabs baselines) {
        this.baselines = baselines;
        this.results = results;
        this.grader = grader;
        this.states = states;
        this.alerts = alerts;
        this.decisions = decisions;
        this.schedules = schedules;
    }

    public LabResult record(ObservationReader.LabReading reading) {
        LabValue lab = new LabValue(reading.loinc(), reading.value(), reading.unit(), reading.referenceHigh(), reading.referenceHighUnit(),
                reading.comparator());
        PatientState state = states.of(reading.patientId(), reading.observationId());
        Optional<LabResult> stored = state.storedResult(reading.observationId());
        Instant storedAt = stored.map(r -> r.observedAt).orElse(null);
        LabResult result = stored.orElseGet(LabResult::new);
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
        Optional<ActiveTherapy> therapy = state.therapy();
        if (reading.preliminary()) {
            result.status = "PRELIMINARY";
            result.message = "Preliminary result: stored and shown, not graded or acted on until the final result arrives.";
            results.save(result);
            state.stored(result);
            InputOutcome.ignore(IgnoredReasons.PRELIMINARY_RESULT);
            return result;
        }
        if (therapy.isEmpty()) {
            result.status = "NO_THERAPY";
            result.message = "Stored, not graded: no tocilizumab or anakinra therapy is recorded for this patient.";
            results.save(result);
            state.stored(result);
            InputOutcome.ignore(IgnoredReasons.NO_THERAPY);
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
        state.stored(result);
        if (storedAt != null && !storedAt.equals(result.observedAt)) {
            state = states.reload(reading.patientId(), reading.observationId()); // a corrected time: the history is read again
        }
        baselines.answered(state, therapy.get(), result);
        if (reading.analyte().scheduleGroup() != null) {
            schedules.recordResult(state.schedule(reading.analyte().scheduleGroup()).orElse(null), reading.observedAt());
        }
        List<LabResult> recent = state.recent(result.analyte);
        boolean latest = recent.isEmpty() || recent.get(0).observationId.equals(result.observationId);
        List<LabResult> earlier = latest ? recent.subList(Math.min(1, recent.size()), recent.size()) : List.of();
        if (grade.finding().status() == FindingStatus.UNGRADABLE) {
            raise(state, new AlertRequest(reading.patientId(), AlertType.LAB_UNGRADABLE, result.analyte, result.analyte, Action.MONITOR,
                    Severity.MODERATE, grade.finding().message(), false, reading.observedAt(), grade.finding().ruleId(),
                    grade.finding().source(), grade.finding().knowledgeVersion()));
        } else if (grade.graded()) {
            if (latest && !earlier.isEmpty() && FindingStatus.UNGRADABLE.name().equals(earlier.get(0).status)) {
                resolve(state, AlertType.LAB_UNGRADABLE, result.analyte, "A gradable result arrived");
            }
            // A late result (older than one already graded) is stored and graded, but does not drive the plan.
            if (latest && therapy.get().isCurrent()) {
                act(state, therapy.get(), grade, result, earlier.stream().map(r -> r.scaledValue).toList());
            }
        }
        return result;
    }

    private void act(PatientState state, ActiveTherapy therapy, Grade grade, LabResult result, List<Double> earlier) {
        String patientId = result.patientId;
        String analyte = result.analyte;
        LabRules.Rule rule = grade.rule();
        HistoryRule.Outcome outcome = HistoryRule.apply(rule, earlier);
        Action action = outcome.action();
        boolean review = (rule.reviewIndividually() && action != Action.MONITOR && action != Action.CONTINUE)
                || (grade.finding().requiresIndividualReview() && action != Action.CONTINUE);
        String version = grade.finding().knowledgeVersion();
        String source = grade.finding().source();

        Optional<PlanHold> hold = state.hold(analyte);
        Optional<LabRules.Recovery> recovery = grade.recovery();
        if (hold.isPresent() && hold.get().action == Action.INTERRUPT && recovery.isPresent() && result.scaledValue != null
                && recovery.get().recovered(result.scaledValue)) {
            Optional<Alert> resolved = resolve(state, AlertType.LAB_ABNORMAL, analyte, analyte + " recovered (" + grade.finding().band() + ")");
            String restart = restartMessage(grade.ruleSet(), therapy.route);
            release(state, analyte, new Decision(patientId, analyte, analyte, Action.RESUME, false,
                    analyte + " recovered (" + grade.finding().band() + "). " + restart, result.observedAt, rule.id(), source, version),
                    resolved.orElse(null));
            hold = Optional.empty();
            if (action == Action.REDUCE_DOSE) {
                action = Action.MONITOR; // the restart is already at the reduced dose
            }
        }
        switch (action) {
            case CONTINUE -> {
                resolve(state, AlertType.LAB_ABNORMAL, analyte, "A newer normal result (" + grade.finding().band() + ")");
                if (hold.isPresent() && hold.get().action == Action.REDUCE_DOSE) {
                    release(state, analyte, null, null);
                } else if (hold.isPresent() && hold.get().action == Action.DO_NOT_START) {
                    release(state, analyte, new Decision(patientId, analyte, analyte, Action.RESUME, false,
                            analyte + " " + grade.finding().band() + " no longer blocks the start.", result.observedAt, rule.id(), source, version),
                            null);
                }
            }
            case MONITOR -> raise(state, alert(patientId, analyte, action, message(rule, outcome, therapy, grade), review, result, rule, source, version));
            case REDUCE_DOSE, INTERRUPT, DISCONTINUE, DO_NOT_START -> {
                String message = message(rule, outcome, therapy, grade);
                Alert alert = raise(state, alert(patientId, analyte, action, message, review, result, rule, source, version));
                state.held(decisions.hold(new Decision(patientId, analyte, analyte, action, review, message, result.observedAt, rule.id(), source,
                        version), alert, state.hold(analyte)));
            }
            case RESUME -> throw new IllegalStateException("RESUME is never a band action");
        }
    }

    private Alert raise(PatientState state, AlertRequest request) {
        Optional<Alert> active = state.activeAlert(request.type(), request.subject());
        Alert alert = alerts.raise(request, active);
        state.alerted(alert);
        return alert;
    }

    private Optional<Alert> resolve(PatientState state, AlertType type, String subject, String resolution) {
        Optional<Alert> alert = state.activeAlert(type, subject);
        alert.ifPresent(a -> alerts.resolve(a, "system", resolution));
        return alert;
    }

    private void release(PatientState state, String cause, Decision resume, Alert alert) {
        Optional<PlanHold> hold = state.hold(cause);
        if (hold.isPresent()) {
            decisions.release(hold.get(), state.holdsExcept(cause), resume, alert);
            if (hold.get().action != Action.DISCONTINUE) {
                state.released(cause);
            }
        }
    }

    private static AlertRequest alert(String patientId, String analyte, Action action, String message, boolean review, LabResult result,
            LabRules.Rule rule, String source, String version) {
        return new AlertRequest(patientId, AlertType.LAB_ABNORMAL, analyte, analyte, action, rule.severity(action), message, review,
                result.observedAt, rule.id(), source, version);
    }

    /** The rule's message already names the analyte and band; the alert adds only what the rule cannot know. */
    private static String message(LabRules.Rule rule, HistoryRule.Outcome outcome, ActiveTherapy therapy, Grade grade) {
        String context = therapy.indication == null || org.ilsafety.monitoring.grading.Therapy.OFF_LABEL.equals(therapy.indication)
                ? "Indication unknown or off-label, graded with the strictest labeled adult rule set " + grade.ruleSet().id()
                        + " (review individually). "
                : "";
        if (!outcome.confirmed()) {
            return context + "Unconfirmed; repeat the test to confirm. " + rule.message();
        }
        if (outcome.persistent()) {
            String reduce = outcome.action() == Action.REDUCE_DOSE && grade.ruleSet().reduce() != null && therapy.route != null
                    ? " " + grade.ruleSet().reduce().getOrDefault(therapy.route, "") : "";
            return context + "Persistent over " + outcome.consecutive() + " results. " + rule.message() + reduce;
        }
        return context + rule.message();
    }

    static String restartMessage(LabRules.RuleSet ruleSet, String route) {
        if (ruleSet == null || ruleSet.restart() == null || route == null) {
            return "Restart as prescribed.";
        }
        return ruleSet.restart().getOrDefault(route, "Restart as prescribed.");
    }
}
