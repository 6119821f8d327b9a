package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.problem.ProblemException;

/**
 * A person acknowledges an open finding: who, when and why are kept on the finding (until it closes and opens
 * again) and in the history of acknowledgements (for the alert burden per rule). The request's audit row is
 * written by the audit filter, as for every request.
 */
@ApplicationScoped
public class FindingAcknowledgements {
    private final EntityManager entityManager;

    public FindingAcknowledgements(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<InteractionFinding> find(UUID id) {
        return entityManager.createQuery("FROM InteractionFinding f WHERE f.id = :id", InteractionFinding.class).setParameter("id", id)
                .getResultStream().findFirst();
    }

    /** Acknowledges the finding's current episode; acknowledging it again changes nothing. A closed finding: 422. */
    @Transactional
    public InteractionFinding acknowledge(UUID id, String by, String reason) {
        InteractionFinding finding = find(id).orElseThrow(() -> ProblemException.notFound("No interaction finding with this id"));
        // the re-check holds this lock while it opens and closes findings: no acknowledgement of a finding closing at this moment
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:p))").setParameter("p", "interaction:" + finding.patientId)
                .getSingleResult();
        entityManager.refresh(finding);
        if (InteractionFinding.CLOSED.equals(finding.status)) {
            throw ProblemException.unprocessable("status", "A closed finding cannot be acknowledged: its cause has ended");
        }
        if (finding.acknowledgedAt != null) {
            return finding;
        }
        finding.acknowledgedBy = by;
        finding.acknowledgedAt = Instant.now();
        finding.acknowledgementReason = reason;
        entityManager.createNativeQuery("""
                INSERT INTO interaction_finding_acknowledgement (finding_id, rule_id, acknowledged_by, acknowledged_at, reason)
                VALUES (:finding, :rule, :by, :at, :reason)""").setParameter("finding", finding.id).setParameter("rule", finding.provenance.ruleId())
                .setParameter("by", by).setParameter("at", finding.acknowledgedAt).setParameter("reason", reason).executeUpdate();
        return finding;
    }
}
