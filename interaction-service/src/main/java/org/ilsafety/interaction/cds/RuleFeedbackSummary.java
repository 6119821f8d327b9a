package org.ilsafety.interaction.cds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per rule, over a period: the CDS Hooks cards issued (by issue time) and what the clinicians did with them
 * (accepted, overridden with which reason), and the findings people acknowledged (by acknowledgement time) with
 * their reasons; so the pharmacy sees which rules are overridden or waved through.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RuleFeedbackSummary {
    private final EntityManager entityManager;

    public RuleFeedbackSummary(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counted(String code, String display, long count) {
    }

    /** One rule's figures; the free-text lists are null unless {@code withFreeText}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class RuleFigures {
        public final String ruleId;
        public long cardsIssued;
        public long cardsAccepted;
        public long cardsOverridden;
        public final List<Counted> overrideReasons = new ArrayList<>();
        public List<Counted> overrideComments;
        public long findingsAcknowledged;
        public List<Counted> acknowledgementReasons;

        RuleFigures(String ruleId, boolean withFreeText) {
            this.ruleId = ruleId;
            this.overrideComments = withFreeText ? new ArrayList<>() : null;
            this.acknowledgementReasons = withFreeText ? new ArrayList<>() : null;
        }
    }

    /** Rules in id order; {@code withFreeText}: the clinicians' comments and acknowledgement reasons (never for dashboards). */
    public List<RuleFigures> between(Instant from, Instant to, boolean withFreeText) {
        Map<String, RuleFigures> rules = new TreeMap<>();
        for (Object[] row : rows("""
                SELECT c.rule_id, count(*),
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cds_feedback f WHERE f.card_uuid = c.card_uuid AND f.outcome = 'accepted')),
                  count(*) FILTER (WHERE EXISTS (SELECT 1 FROM cds_feedback f WHERE f.card_uuid = c.card_uuid AND f.outcome = 'overridden'))
                FROM cds_card c WHERE c.issued_at >= :from AND c.issued_at < :to GROUP BY c.rule_id""", from, to)) {
            RuleFigures rule = rules.computeIfAbsent((String) row[0], id -> new RuleFigures(id, withFreeText));
            rule.cardsIssued = number(row[1]);
            rule.cardsAccepted = number(row[2]);
            rule.cardsOverridden = number(row[3]);
        }
        for (Object[] row : rows("""
                SELECT c.rule_id, coalesce(f.override_code, '(no reason given)'), max(f.override_display), count(DISTINCT f.card_uuid)
                FROM cds_feedback f JOIN cds_card c ON c.card_uuid = f.card_uuid
                WHERE f.outcome = 'overridden' AND c.issued_at >= :from AND c.issued_at < :to
                GROUP BY c.rule_id, f.override_code ORDER BY 4 DESC, 2""", from, to)) {
            rules.get((String) row[0]).overrideReasons.add(new Counted((String) row[1], (String) row[2], number(row[3])));
        }
        if (withFreeText) {
            for (Object[] row : rows("""
                    SELECT c.rule_id, f.user_comment, count(*) FROM cds_feedback f JOIN cds_card c ON c.card_uuid = f.card_uuid
                    WHERE f.outcome = 'overridden' AND f.user_comment IS NOT NULL AND c.issued_at >= :from AND c.issued_at < :to
                    GROUP BY c.rule_id, f.user_comment ORDER BY 3 DESC, 2""", from, to)) {
                rules.get((String) row[0]).overrideComments.add(new Counted(null, (String) row[1], number(row[2])));
            }
        }
        for (Object[] row : rows("""
                SELECT rule_id, reason, count(*) FROM interaction_finding_acknowledgement
                WHERE acknowledged_at >= :from AND acknowledged_at < :to GROUP BY rule_id, reason ORDER BY 3 DESC, 2""", from, to)) {
            RuleFigures rule = rules.computeIfAbsent((String) row[0], id -> new RuleFigures(id, withFreeText));
            rule.findingsAcknowledged += number(row[2]);
            if (withFreeText) {
                rule.acknowledgementReasons.add(new Counted(null, (String) row[1], number(row[2])));
            }
        }
        return List.copyOf(rules.values());
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Instant from, Instant to) {
        Query query = entityManager.createNativeQuery(sql).setParameter("from", from).setParameter("to", to);
        return query.getResultList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
