package org.ilsafety.monitoring.response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertStatus;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.decision.PlanHold;
import org.ilsafety.monitoring.lab.LabResult;
import org.ilsafety.monitoring.schedule.LabSchedule;

/**
 * What the lab path needs of one patient, read once per transaction (see {@link PatientStates}): the therapy,
 * the holds, the active alerts, the lab schedules, the newest results per analyte and the stored results of
 * the Observations in the batch. The entities are the managed ones, so a change made through them is the
 * change written at commit; what the lab path adds (a result, an alert, a hold) it adds here too.
 */
public final class PatientState {
    /** As the history query orders: newest observation first, then the later stored first. */
    static final Comparator<LabResult> NEWEST_FIRST = (a, b) -> {
        int byTime = b.observedAt.compareTo(a.observedAt);
        return byTime != 0 ? byTime : Long.compare(b.id == null ? Long.MAX_VALUE : b.id, a.id == null ? Long.MAX_VALUE : a.id);
    };

    private final String patientId;
    private final int historySize;
    ActiveTherapy therapy;
    final Map<String, PlanHold> holds = new HashMap<>();
    final Map<String, Alert> alerts = new HashMap<>();
    final Map<String, LabSchedule> schedules = new HashMap<>();
    final Map<String, List<LabResult>> history = new HashMap<>();
    final Map<String, LabResult> byObservation = new HashMap<>();
    /** The Observation ids whose stored results were read with this state (shared by the patients read together). */
    Set<String> observationsRead = Set.of();
    /** The Observation ids stored since. */
    private final Set<String> observationsStored = new HashSet<>();

    PatientState(String patientId, int historySize) {
        this.patientId = patientId;
        this.historySize = historySize;
    }

    public String patientId() {
        return patientId;
    }

    public Optional<ActiveTherapy> therapy() {
        return Optional.ofNullable(therapy);
    }

    public Optional<PlanHold> hold(String cause) {
        return Optional.ofNullable(holds.get(cause));
    }

    /** The holds other than {@code cause}'s. */
    public List<PlanHold> holdsExcept(String cause) {
        return holds.values().stream().filter(h -> !h.cause.equals(cause)).toList();
    }

    public void held(PlanHold hold) {
        holds.put(hold.cause, hold);
    }

    public void released(String cause) {
        holds.remove(cause);
    }

    /** The active (open or acknowledged) alert for the condition. */
    public Optional<Alert> activeAlert(AlertType type, String subject) {
        return Optional.ofNullable(alerts.get(alertKey(type, subject))).filter(a -> a.status != AlertStatus.RESOLVED);
    }

    public void alerted(Alert alert) {
        alerts.put(alertKey(alert.type, alert.subject), alert);
    }

    public Optional<LabSchedule> schedule(String labGroup) {
        return Optional.ofNullable(schedules.get(labGroup));
    }

    /** Whether the stored result of the Observation is known (loaded with the batch). */
    boolean knowsObservation(String observationId) {
        return observationsRead.contains(observationId) || observationsStored.contains(observationId);
    }

    public Optional<LabResult> storedResult(String observationId) {
        return Optional.ofNullable(byObservation.get(observationId));
    }

    /** The newest results of the analyte, newest first, the given one included. */
    public List<LabResult> recent(String analyte) {
        return history.getOrDefault(analyte, List.of());
    }

    /** A result was stored (or its row changed): it takes its place in the history. */
    public void stored(LabResult result) {
        byObservation.put(result.observationId, result);
        observationsStored.add(result.observationId);
        history.values().forEach(list -> list.remove(result));
        List<LabResult> list = new ArrayList<>(history.getOrDefault(result.analyte, List.of()));
        list.add(result);
        list.sort(NEWEST_FIRST);
        history.put(result.analyte, new ArrayList<>(list.subList(0, Math.min(historySize, list.size()))));
    }

    static String alertKey(AlertType type, String subject) {
        return type.name() + "|" + subject;
    }
}
