package org.ilsafety.monitoring.response;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.Alert;
import org.ilsafety.monitoring.alert.AlertStatus;
import org.ilsafety.monitoring.decision.PlanHold;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.lab.LabResult;
import org.ilsafety.monitoring.schedule.LabSchedule;

/**
 * Reads the state of every patient of a poll batch at once, when the batch's first lab result is applied,
 * instead of a dozen queries per lab result: six queries for the whole batch (therapies, holds, active
 * alerts, lab schedules, the newest results per analyte, the stored results of the batch's Observations).
 * The states live as long as the transaction (a rollback forgets them with it). Only the lab path reads
 * them; after any other event of a patient (an order, a Condition, a screen) the patient's state is
 * forgotten and read again when needed, so what that event changed is seen.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PatientStates {
    /** Newest results kept per analyte: the one being graded and the history the rules look at. */
    public static final int HISTORY = 6;
    private static final Object KEY = PatientStates.class;

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry registry;
    private final PollSession poll;
    private final String[] analytes;

    public PatientStates(EntityManager entityManager, TransactionSynchronizationRegistry registry, PollSession poll,
            MonitoringKnowledge knowledge) {
        this.entityManager = entityManager;
        this.registry = registry;
        this.poll = poll;
        this.analytes = knowledge.labRules().content().analytes().stream().map(LabRules.Analyte::id).toArray(String[]::new);
    }

    /** The patient's state in this transaction, read with the rest of the batch the first time. */
    public PatientState of(String patientId, String observationId) {
        Map<String, PatientState> states = states();
        PatientState state = states.get(patientId);
        if (state != null && state.knowsObservation(observationId)) {
            return state;
        }
        Set<String> patients = new LinkedHashSet<>();
        Set<String> observations = new HashSet<>();
        poll.batch().filter(batch -> batch.patients.contains(patientId)).ifPresent(batch -> {
            batch.patients.stream().filter(p -> !states.containsKey(p)).forEach(patients::add);
            observations.addAll(batch.observations);
        });
        patients.add(patientId);
        observations.add(observationId);
        load(states, patients, observations);
        return states.get(patientId);
    }

    /** Reads the patient's state again (after a stored result moved in time, for example). */
    public PatientState reload(String patientId, String observationId) {
        forget(patientId);
        return of(patientId, observationId);
    }

    /** The patient's state if the lab path read it in this transaction (and nothing forgot it since). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PatientState> cached(String patientId) {
        return registry.getTransactionKey() == null ? Optional.empty() : Optional.ofNullable(states().get(patientId));
    }

    /** Forgets the patient's state: another event changed it outside the lab path. */
    public void forget(String patientId) {
        if (registry.getTransactionKey() != null) {
            states().remove(patientId);
        }
    }

    /** Forgets every patient's state: rows were moved beneath it (a patient merge). */
    public void forgetAll() {
        if (registry.getTransactionKey() != null) {
            states().clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, PatientState> states() {
        Map<String, PatientState> states = (Map<String, PatientState>) registry.getResource(KEY);
        if (states == null) {
            states = new HashMap<>();
            registry.putResource(KEY, states);
        }
        return states;
    }

    private void load(Map<String, PatientState> states, Set<String> patientIds, Set<String> observationIds) {
        entityManager.flush(); // what this transaction changed so far is what the queries must see
        List<String> patients = new ArrayList<>(patientIds);
        Map<String, PatientState> loaded = new HashMap<>();
        patients.forEach(p -> loaded.put(p, new PatientState(p, HISTORY)));
        for (ActiveTherapy therapy : entityManager.createQuery("SELECT t FROM ActiveTherapy t WHERE t.patientId IN :patients", ActiveTherapy.class)
                .setParameter("patients", patients).getResultList()) {
            loaded.get(therapy.patientId).therapy = therapy;
        }
        for (PlanHold hold : entityManager.createQuery("SELECT h FROM PlanHold h WHERE h.patientId IN :patients", PlanHold.class)
                .setParameter("patients", patients).getResultList()) {
            loaded.get(hold.patientId).holds.put(hold.cause, hold);
        }
        for (Alert alert : entityManager.createQuery("SELECT a FROM Alert a WHERE a.patientId IN :patients AND a.status <> :resolved", Alert.class)
                .setParameter("patients", patients).setParameter("resolved", AlertStatus.RESOLVED).getResultList()) {
            loaded.get(alert.patientId).alerted(alert);
        }
        for (LabSchedule schedule : entityManager.createQuery("SELECT s FROM LabSchedule s WHERE s.patientId IN :patients", LabSchedule.class)
                .setParameter("patients", patients).getResultList()) {
            loaded.get(schedule.patientId).schedules.put(schedule.labGroup, schedule);
        }
        history(loaded, patients);
        observations(loaded, patients, observationIds);
        states.putAll(loaded);
    }

    /**
     * The newest {@link #HISTORY} results per patient and analyte, newest first: one index range per patient
     * and analyte of the knowledge base, so the cost does not grow with a patient's years of results.
     */
    @SuppressWarnings("unchecked")
    private void history(Map<String, PatientState> loaded, List<String> patients) {
        List<LabResult> rows = entityManager.createNativeQuery("""
                SELECT l.* FROM unnest(CAST(:patients AS varchar[])) AS p(patient_id)
                CROSS JOIN unnest(CAST(:analytes AS varchar[])) AS a(analyte)
                CROSS JOIN LATERAL (
                  SELECT * FROM lab_result r WHERE r.patient_id = p.patient_id AND r.analyte = a.analyte
                  ORDER BY r.observed_at DESC, r.id DESC LIMIT :history) l""", LabResult.class)
                .setParameter("patients", patients.toArray(String[]::new))
                .setParameter("analytes", analytes)
                .setParameter("history", HISTORY).getResultList();
        for (LabResult row : rows) {
            loaded.get(row.patientId).history.computeIfAbsent(row.analyte, a -> new ArrayList<>()).add(row);
        }
        loaded.values().forEach(state -> state.history.values().forEach(list -> list.sort(PatientState.NEWEST_FIRST)));
    }

    /** The stored results of the batch's Observations (a redelivered or corrected Observation updates its row). */
    private void observations(Map<String, PatientState> loaded, List<String> patients, Collection<String> observationIds) {
        List<String> observations = new ArrayList<>(observationIds);
        for (LabResult row : entityManager.createQuery(
                "SELECT r FROM LabResult r WHERE r.patientId IN :patients AND r.observationId IN :observations", LabResult.class)
                .setParameter("patients", patients).setParameter("observations", observations).getResultList()) {
            loaded.get(row.patientId).byObservation.put(row.observationId, row);
        }
        Set<String> read = Set.copyOf(observations);
        loaded.values().forEach(state -> state.observationsRead = read);
    }
}
