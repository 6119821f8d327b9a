package org.ilsafety.monitoring.therapy;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.MedicationAdministration;
import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.therapy.ActiveTherapyChanged;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.monitoring.decision.DecisionService;
import org.ilsafety.monitoring.infection.InfectionMonitor;
import org.ilsafety.monitoring.schedule.ScheduleService;
import org.ilsafety.monitoring.screening.StartScreening;

/**
 * Opens monitoring when a therapy is ordered or started, and closes it when the therapy ends. An order with no
 * dose given yet is PLANNED until the first administration ({@link TherapyStart}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class TherapyLifecycle {
    private final ActiveTherapies therapies;
    private final StartScreening screening;
    private final ScheduleService schedules;
    private final DecisionService decisions;
    private final EntityManager entityManager;
    private final InfectionMonitor infections;
    private final ReceivedResources received;
    private final ProductCatalog products;

    public TherapyLifecycle(ActiveTherapies therapies, StartScreening screening, ScheduleService schedules, DecisionService decisions,
            EntityManager entityManager, InfectionMonitor infections, ReceivedResources received, ProductCatalog products) {
        this.infections = infections;
        this.received = received;
        this.products = products;
        this.therapies = therapies;
        this.entityManager = entityManager;
        this.screening = screening;
        this.schedules = schedules;
        this.decisions = decisions;
    }

    public void ordered(TherapyOrder order) {
        if (therapies.ignoredAsNotCurrent(order)) {
            return;
        }
        Optional<ActiveTherapy> before = therapies.find(order.patientId());
        boolean wasOn = before.isPresent() && before.get().isCurrent();
        String previousMolecule = before.map(t -> t.moleculeId).orElse(null);
        ActiveTherapy therapy = therapies.recordOrder(order);
        if (!order.active()) {
            end(order.patientId());
            return;
        }
        if (!wasOn) {
            therapy.lastDoseAt = null; // a new course: a dose of an earlier one is not its first dose
        }
        TherapyStart.settle(therapy);
        if (!wasOn || !therapy.moleculeId.equals(previousMolecule)) {
            screening.screen(therapy);
        }
        schedules.open(therapy);
    }

    void onPlanChanged(@Observes ActiveTherapyChanged changed) {
        ActiveTherapy therapy = changed.therapy();
        TherapyPlanEvent.Change change = changed.event().change();
        if (change == TherapyPlanEvent.Change.STARTED && changed.event().lastDoseAt() == null && therapy.lastDoseAt != null
                && therapy.startedAt != null && therapy.lastDoseAt.isBefore(therapy.startedAt)) {
            therapy.lastDoseAt = null; // a new plan: the last dose kept here was of an earlier course
        }
        TherapyStart.settle(therapy);
        if (!TherapyStart.beforeFirstDose(therapy) && therapy.lastDoseAt != null) {
            infections.firstDoseGiven(therapy, therapy.lastDoseAt); // dosing-service's plan event told of a dose (the first, or nothing to do)
        }
        if (change == TherapyPlanEvent.Change.DISCONTINUED || !therapy.isCurrent()) {
            end(therapy.patientId);
        } else if (change == TherapyPlanEvent.Change.STARTED || change == TherapyPlanEvent.Change.ROUTE_SWITCHED
                || change == TherapyPlanEvent.Change.UPDATED) {
            schedules.open(therapy);
        }
    }

    /** An administration on patient-events: a completed one of a recognised medicine with its time, else ignored or rejected. */
    public void administered(String patientId, MedicationAdministration administration) {
        if (administration.getStatus() == null || !"completed".equals(administration.getStatus().toCode())) {
            InputOutcome.ignore(IgnoredReasons.NOT_COMPLETED);
            return;
        }
        var recognised = MedicineReader.recognise(administration, received, products).map(ProductCatalog.Recognition::product);
        if (recognised.isEmpty()) {
            InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED);
            return;
        }
        Instant at = administration.hasEffectiveDateTimeType() ? administration.getEffectiveDateTimeType().getValue().toInstant()
                : administration.hasEffectivePeriod() && administration.getEffectivePeriod().hasStart()
                        ? administration.getEffectivePeriod().getStart().toInstant() : null;
        if (at == null) {
            throw new EventRejected("MISSING_ADMINISTRATION_TIME", "The administration has no effective time");
        }
        administered(patientId, recognised.get().molecule(), at);
    }

    /**
     * A completed administration of the patient's recorded medicine: the first one starts the therapy (PLANNED to
     * ACTIVE), so the next results are graded with the on-therapy rules. Read on patient-events, in order with the
     * patient's labs; dosing-service's plan event of the same dose then only confirms it.
     */
    public void administered(String patientId, String moleculeId, Instant at) {
        ActiveTherapy therapy = entityManager.find(ActiveTherapy.class, patientId, LockModeType.PESSIMISTIC_WRITE);
        if (therapy == null || !therapy.isCurrent() || !therapy.moleculeId.equals(moleculeId)) {
            InputOutcome.ignore(IgnoredReasons.NO_THERAPY);
            return;
        }
        if (TherapyStart.dosed(therapy, at)) {
            infections.firstDoseGiven(therapy, at);
        }
    }

    private void end(String patientId) {
        schedules.close(patientId);
        decisions.clear(patientId);
    }
}
