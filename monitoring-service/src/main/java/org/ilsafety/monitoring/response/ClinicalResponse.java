package org.ilsafety.monitoring.response;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertService;
import org.ilsafety.monitoring.decision.Decision;
import org.ilsafety.monitoring.decision.DecisionService;
import org.ilsafety.monitoring.decision.PlanHold;
import org.ilsafety.monitoring.grading.Action;

/**
 * The step every clinical cause shares (a lab value, an infection, a screen): a cause raises or escalates an alert and
 * holds the plan; recovery resolves the alert and releases the hold, and RESUME follows when nothing else keeps the
 * therapy from being given ({@link DecisionService}). The cause of a hold is its alert's subject.
 * <p>
 * When the lab path has read the patient's state in this transaction ({@link PatientStates}), the step works on it
 * (the managed alerts and holds, no query); otherwise it queries. Either way the outcome is the same.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ClinicalResponse {
    /** Who resolves what the service itself resolves. */
    private static final String SYSTEM = AlertService.SYSTEM;

    private final AlertService alerts;
    private final DecisionService decisions;
    private final PatientStates states;
    private final PollSession session;

    public ClinicalResponse(AlertService alerts, DecisionService decisions, PatientStates states, PollSession session) {
        this.alerts = alerts;
        this.decisions = decisions;
        this.states = states;
        this.session = session;
    }

    /** An alert without a plan change: raised, or the active one escalated or counted. */
    public Alert raise(AlertRequest request) {
        Optional<PatientState> state = states.cached(request.patientId());
        if (state.isEmpty()) {
            return alerts.raise(request);
        }
        Alert alert = alerts.raise(request, state.get().activeAlert(request.type(), request.subject()));
        state.get().alerted(alert);
        return alert;
    }

    /**
     * The finding changes the plan: its alert raised (or escalated) and the plan held with the same finding, the cause being
     * the alert's subject. The decision is sent unless the cause already holds as much.
     */
    public Alert hold(AlertRequest request) {
        Alert alert = raise(request);
        Decision decision = Decision.of(request);
        Optional<PatientState> state = states.cached(request.patientId());
        if (state.isEmpty()) {
            decisions.hold(decision, alert);
        } else {
            state.get().held(decisions.hold(decision, alert, state.get().hold(decision.cause())));
        }
        return alert;
    }

    /** Resolves the condition's active alert, if there is one (the service resolves it: a newer result, a screen). */
    public Optional<Alert> resolve(AlertCondition condition, String resolution) {
        Optional<PatientState> state = states.cached(condition.patientId());
        if (state.isEmpty()) {
            return alerts.resolve(condition, SYSTEM, resolution);
        }
        Optional<Alert> alert = state.get().activeAlert(condition.type(), condition.subject());
        alert.ifPresent(a -> alerts.resolve(a, SYSTEM, resolution));
        return alert;
    }

    /**
     * Ends the cause's hold; {@code resume} (with {@code alert}) is sent when the hold kept the therapy from being given and
     * no other does. No resume ({@code null}) for a hold that never stopped a dose. A discontinuation is never released.
     */
    public void release(String patientId, String cause, Decision resume, Alert alert) {
        Optional<PatientState> state = states.cached(patientId);
        if (state.isEmpty()) {
            decisions.release(patientId, cause, resume, alert);
            return;
        }
        Optional<PlanHold> hold = state.get().hold(cause);
        if (hold.isPresent()) {
            decisions.release(hold.get(), state.get().holdsExcept(cause), resume, alert);
            if (hold.get().action != Action.DISCONTINUE) {
                state.get().released(cause);
            }
        }
    }

    /** The cause recovered: its alert resolved, then its hold released with {@code resume} (which names the resolved alert). */
    public Optional<Alert> recover(AlertCondition condition, String resolution, Decision resume) {
        Optional<Alert> resolved = resolve(condition, resolution);
        release(condition.patientId(), resume.cause(), resume, resolved.orElse(null));
        return resolved;
    }

    /** The hold a cause of the patient currently has. */
    public Optional<PlanHold> holdOf(String patientId, String cause) {
        return states.cached(patientId).map(s -> s.hold(cause)).orElseGet(() -> decisions.find(patientId, cause));
    }

    /**
     * Applies a lab result: its patient's state is read with the rest of the poll's, and nothing is written before the
     * commit ({@link PollSession#labPath}).
     */
    public PatientState labPath(String patientId, String observationId) {
        session.labPath();
        return states.of(patientId, observationId);
    }

    /**
     * Applies any other input of the patient: it sees what the poll wrote so far, and what it changes is read again by the
     * lab path ({@link PollSession#queryingPath}).
     */
    public void queryingPath(String patientId, Runnable input) {
        session.queryingPath();
        states.forget(patientId);
        input.run();
        states.forget(patientId);
    }
}
