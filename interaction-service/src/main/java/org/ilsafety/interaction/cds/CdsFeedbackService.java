package org.ilsafety.interaction.cds;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.CurrentCaller;

/**
 * Stores CDS Hooks feedback: each entry must name a card this service issued to the calling EHR (the verified
 * client the card was answered to), with outcome accepted or overridden.
 */
@ApplicationScoped
public class CdsFeedbackService {
    private final EntityManager entityManager;
    private final CurrentCaller caller;

    public CdsFeedbackService(EntityManager entityManager, CurrentCaller caller) {
        this.entityManager = entityManager;
        this.caller = caller;
    }

    @Transactional
    public int store(String serviceId, CdsModel.FeedbackRequest request) {
        if (request == null || request.feedback() == null || request.feedback().isEmpty()) {
            throw ProblemException.badRequest("feedback", "is required: a non-empty list");
        }
        List<CardFeedback> rows = new ArrayList<>();
        for (int i = 0; i < request.feedback().size(); i++) {
            CdsModel.Feedback feedback = request.feedback().get(i);
            String field = "feedback[" + i + "]";
            if (feedback == null) {
                throw ProblemException.badRequest(field, "is required");
            }
            UUID card = uuid(feedback.card(), field + ".card");
            IssuedCard issued = entityManager.find(IssuedCard.class, card);
            // one answer for an unknown card and another EHR's card: that EHR learns nothing about cards it was not given
            if (issued == null || !issued.serviceId.equals(serviceId) || !caller.get().subject().equals(issued.issuedTo)) {
                throw ProblemException.badRequest(field + ".card", "is not a card this service issued to this EHR");
            }
            if (!"accepted".equals(feedback.outcome()) && !"overridden".equals(feedback.outcome())) {
                throw ProblemException.badRequest(field + ".outcome", "must be accepted or overridden");
            }
            CardFeedback row = new CardFeedback();
            row.cardUuid = card;
            row.serviceId = serviceId;
            row.outcome = feedback.outcome();
            row.outcomeAt = timestamp(feedback.outcomeTimestamp(), field + ".outcomeTimestamp");
            row.receivedAt = Instant.now();
            if (feedback.overrideReason() != null) {
                if ("accepted".equals(feedback.outcome())) {
                    throw ProblemException.badRequest(field + ".overrideReason", "is only allowed when the outcome is overridden");
                }
                if (feedback.overrideReason().reason() != null) {
                    row.overrideCode = feedback.overrideReason().reason().code();
                    row.overrideSystem = feedback.overrideReason().reason().system();
                    row.overrideDisplay = feedback.overrideReason().reason().display();
                }
                row.userComment = feedback.overrideReason().userComment();
            }
            if (feedback.acceptedSuggestions() != null && !feedback.acceptedSuggestions().isEmpty()) {
                row.acceptedSuggestions = String.join(",", feedback.acceptedSuggestions().stream().map(CdsModel.AcceptedSuggestion::id).toList());
            }
            rows.add(row);
        }
        rows.forEach(entityManager::persist);
        return rows.size();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<CardFeedback> forCard(UUID card) {
        return entityManager.createQuery("FROM CardFeedback f WHERE f.cardUuid = :c ORDER BY f.id", CardFeedback.class)
                .setParameter("c", card).getResultList();
    }

    private static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be the uuid of a card");
        }
    }

    private static Instant timestamp(String value, String field) {
        if (value == null) {
            throw ProblemException.badRequest(field, "is required (ISO 8601)");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO 8601 date-time with offset");
        }
    }
}
