package org.ilsafety.common.fhir;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * Keeps the Medication and Condition resources received on {@code patient-events} by id
 * ({@code received_resource}), so a {@code medicationReference} or {@code reasonReference} sent later
 * resolves, and an order without a reason can be matched against the patient's active Conditions.
 */
@ApplicationScoped
public class ReceivedResources implements EarlierResources {
    public static final Set<String> KEPT_TYPES = Set.of("Medication", "Condition");

    private final EntityManager entityManager;
    private final Fhir fhir;

    public ReceivedResources(EntityManager entityManager, Fhir fhir) {
        this.entityManager = entityManager;
        this.fhir = fhir;
    }

    /** Keeps a Medication or Condition (the latest received version wins); false for other types. */
    public boolean keep(Resource resource, String patientId) {
        if (!KEPT_TYPES.contains(resource.fhirType())) {
            return false;
        }
        entityManager.createNativeQuery("INSERT INTO received_resource (resource_type, resource_id, patient_id, payload, received_at) "
                + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (resource_type, resource_id) DO UPDATE SET patient_id = EXCLUDED.patient_id, "
                + "payload = EXCLUDED.payload, received_at = EXCLUDED.received_at")
                .setParameter(1, resource.fhirType()).setParameter(2, resource.getIdElement().getIdPart()).setParameter(3, patientId)
                .setParameter(4, fhir.toJson(resource)).setParameter(5, Timestamp.from(Instant.now())).executeUpdate();
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Resource> find(String type, String id) {
        List<String> payloads = entityManager.createNativeQuery("SELECT payload FROM received_resource WHERE resource_type = ?1 AND resource_id = ?2")
                .setParameter(1, type).setParameter(2, id).getResultList();
        return payloads.stream().findFirst().map(fhir::parse);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Condition> conditions(String patientId) {
        List<String> payloads = entityManager.createNativeQuery(
                "SELECT payload FROM received_resource WHERE patient_id = ?1 AND resource_type = 'Condition' ORDER BY received_at")
                .setParameter(1, patientId).setMaxResults(500).getResultList();
        return payloads.stream().map(fhir::parse).filter(Condition.class::isInstance).map(Condition.class::cast).toList();
    }
}
