package org.ilsafety.dosing.plan;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.MonitoringEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A decision for a patient whose plan does not exist yet: the order and a low count may reach the two
 * services within moments, and monitoring may decide before this service has read the order. Dropping
 * such a decision would leave a plan ACTIVE while the label says interrupt; it is kept here and applied,
 * in arrival order, in the transaction that creates the plan.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EarlyDecisions {
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final PlanDecisions decisions;

    public EarlyDecisions(EntityManager entityManager, ObjectMapper objectMapper, PlanDecisions decisions) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.decisions = decisions;
    }

    /** Applies the decision to the plan, or keeps it until the plan exists. */
    public void apply(MonitoringEvent decision) {
        if (decisions.apply(decision).isEmpty()) {
            entityManager.createNativeQuery("INSERT INTO early_decision (patient_id, decision, received_at) VALUES (:p, :d, :at)")
                    .setParameter("p", decision.patientId())
                    .setParameter("d", json(decision))
                    .setParameter("at", Instant.now())
                    .executeUpdate();
        }
    }

    /** Applies, in arrival order, every decision that came before the patient's plan; then forgets them. */
    public void applyHeld(String patientId) {
        @SuppressWarnings("unchecked")
        List<String> held = entityManager.createNativeQuery(
                "SELECT decision FROM early_decision WHERE patient_id = :p ORDER BY seq FOR UPDATE")
                .setParameter("p", patientId)
                .getResultList();
        if (held.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("DELETE FROM early_decision WHERE patient_id = :p").setParameter("p", patientId).executeUpdate();
        for (String decision : held) {
            decisions.apply(read(decision));
        }
    }

    private String json(MonitoringEvent decision) {
        try {
            return objectMapper.writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A monitoring decision cannot be stored", e);
        }
    }

    private MonitoringEvent read(String json) {
        try {
            return objectMapper.readValue(json, MonitoringEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored monitoring decision cannot be read", e);
        }
    }
}
