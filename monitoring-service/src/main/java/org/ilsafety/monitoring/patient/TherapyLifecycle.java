package org.ilsafety.monitoring.patient;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.therapy.ActiveTherapyChanged;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.monitoring.decision.DecisionService;
import org.ilsafety.monitoring.schedule.ScheduleService;

/** Opens monitoring when a therapy is ordered or started, and closes it when the therapy ends. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TherapyLifecycle {
    private final ActiveTherapies therapies;
    private final StartScreening screening;
    private final ScheduleService schedules;
    private final DecisionService decisions;

    public TherapyLifecycle(ActiveTherapies therapies, StartScreening screening, ScheduleService schedules, DecisionService decisions) {
        this.therapies = therapies;
        this.screening = screening;
        this.schedules = schedules;
        this.decisions = decisions;
    }

    public void ordered(TherapyOrder order) {
        Optional<ActiveTherapy> before = therapies.find(order.patientId());
        boolean wasOn = before.isPresent() && InfectionMonitor.onTherapy(before.get());
        String previousMolecule = before.map(t -> t.moleculeId).orElse(null);
        ActiveTherapy therapy = therapies.recordOrder(order);
        if (!order.active()) {
            end(order.patientId());
            return;
        }
        if (!wasOn || !therapy.moleculeId.equals(previousMolecule)) {
            screening.screen(therapy);
        }
        schedules.open(therapy);
    }

    void onPlanChanged(@Observes ActiveTherapyChanged changed) {
        ActiveTherapy therapy = changed.therapy();
        TherapyPlanEvent.Change change = changed.event().change();
        if (change == TherapyPlanEvent.Change.DISCONTINUED || !InfectionMonitor.onTherapy(therapy)) {
            end(therapy.patientId);
        } else if (change == TherapyPlanEvent.Change.STARTED || change == TherapyPlanEvent.Change.ROUTE_SWITCHED
                || change == TherapyPlanEvent.Change.UPDATED) {
            schedules.open(therapy);
        }
    }

    private void end(String patientId) {
        schedules.close(patientId);
        decisions.clear(patientId);
    }
}
