package org.ilsafety.monitoring.lab;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.decision.Decision;
import org.ilsafety.monitoring.decision.PlanHold;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.grading.FindingStatus;
import org.ilsafety.monitoring.grading.Grade;
import org.ilsafety.monitoring.grading.LabGrader;
import org.ilsafety.monitoring.grading.LabValue;
import org.ilsafety.monitoring.grading.Therapy;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.response.ClinicalResponse;
import org.ilsafety.monitoring.response.PatientState;
import org.ilsafety.monitoring.response.PatientStates;
import org.ilsafety.monitoring.schedule.ScheduleService;
import org.ilsafety.monitoring.screening.BaselineLabs;
import org.ilsafety.monitoring.therapy.TherapyContext;

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
    private final ClinicalResponse responses;
    private final ScheduleService schedules;
    private final BaselineLabs baselines;

    public LabMonitor(LabResults results, LabGrader grader, PatientStates states, ClinicalResponse responses, ScheduleService schedules,
            BaselineLabs baselines) {
        this.baselines = baselines;
        this.results = results;
        this.grader = grader;
        this.states = states;
        this.responses = responses;
        this.schedules = schedules;
    }

    public LabResult record(ObservationReader.LabReading reading) {
        LabValue lab = reading.lab();
        PatientState state = responses.labPath(reading.patientId(), reading.observationId());
        Optional<LabResult> stored = state.storedResult(reading.observationId());
        Instant storedAt = stored.map(r -> r.observedAt).orElse(null);
        LabResult result = stored.orElseGet(LabResult::new);
        result.patientId = reading.patientId();
        result.observationId = reading.observationId();
        result.loinc = reading.loinc();
        result.analyte = reading.analyte().id();
        result.value = lab.value();
        result.unit = lab.unit();
        result.referenceHigh = lab.referenceHigh();
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
        result.provenance = grade.finding().provenance();
        result.message = grade.finding().message();
        results.save(result);
        state.stored(result);
        if (storedAt != null && !storedAt.equals(result.observedAt)) {
            state = states.reload(reading.patientId(), reading.observationId()); // a corrected time: the history is read again
        }
        baselines.answered(therapy.get(), result);
        if (reading.analyte().scheduleGroup() != null) {
            schedules.recordResult(state.schedule(reading.analyte().scheduleGroup()).orElse(null), reading.observedAt());
        }
        List<LabResult> recent = state.recent(result.analyte);
        boolean latest = recent.isEmpty() || recent.get(0).observationId.equals(result.observationId);
        List<LabResult> earlier = latest ? recent.subList(Math.min(1, recent.size()), recent.size()) : List.of();
        if (grade.finding().status() == FindingStatus.UNGRADABLE) {
            responses.raise(new AlertRequest(new AlertCondition(reading.patientId(), AlertType.LAB_UNGRADABLE, result.analyte),
                    new AlertFinding(result.analyte, Action.MONITOR, Severity.MODERATE, grade.finding().message(), false, reading.observedAt()),
                    grade.finding().provenance()));
        } else if (grade.graded()) {
            if (latest && !earlier.isEmpty() && FindingStatus.UNGRADABLE.name().equals(earlier.get(0).status)) {
                responses.resolve(new AlertCondition(reading.patientId(), AlertType.LAB_UNGRADABLE, result.analyte), "A gradable result arrived");
            }
            // A late result (older than one already graded) is stored and graded, but does not drive the plan.
            if (latest && therapy.get().isCurrent()) {
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
        boolean review = (rule.reviewIndividually() && action != Action.MONITOR && action != Action.CONTINUE)
                || (grade.finding().requiresIndividualReview() && action != Action.CONTINUE);
        Provenance provenance = grade.finding().provenance().withRule(rule.id());
        AlertCondition condition = new AlertCondition(patientId, AlertType.LAB_ABNORMAL, analyte);

        Optional<PlanHold> hold = responses.holdOf(patientId, analyte);
        Optional<LabRules.Recovery> recovery = grade.recovery();
        if (hold.isPresent() && hold.get().action == Action.INTERRUPT && recovery.isPresent() && result.scaledValue != null
                && recovery.get().recovered(result.scaledValue)) {
            String restart = restartMessage(grade.ruleSet(), therapy.route);
            responses.recover(condition, analyte + " recovered (" + grade.finding().band() + ")", Decision.resume(patientId, analyte, analyte,
                    analyte + " recovered (" + grade.finding().band() + "). " + restart, result.observedAt, provenance));
            hold = Optional.empty();
            if (action == Action.REDUCE_DOSE) {
                action = Action.MONITOR; // the restart is already at the reduced dose
            }
        }
        switch (action) {
            case CONTINUE -> {
                responses.resolve(condition, "A newer normal result (" + grade.finding().band() + ")");
                if (hold.isPresent() && hold.get().action == Action.REDUCE_DOSE) {
                    responses.release(patientId, analyte, null, null);
                } else if (hold.isPresent() && hold.get().action == Action.DO_NOT_START) {
                    responses.release(patientId, analyte, Decision.resume(patientId, analyte, analyte,
                            analyte + " " + grade.finding().band() + " no longer blocks the start.", result.observedAt, provenance), null);
                }
            }
            case MONITOR -> responses.raise(new AlertRequest(condition, new AlertFinding(analyte, action, rule.severity(action),
                    message(rule, outcome, therapy, grade), review, result.observedAt), provenance));
            case REDUCE_DOSE, INTERRUPT, DISCONTINUE, DO_NOT_START -> responses.hold(new AlertRequest(condition, new AlertFinding(analyte,
                    action, rule.severity(action), message(rule, outcome, therapy, grade), review, result.observedAt), provenance));
            case RESUME -> throw new IllegalStateException("RESUME is never a band action");
        }
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
