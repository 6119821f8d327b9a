package org.ilsafety.monitoring.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Alert burden per rule over a period of {@code raisedAt}: how many alerts each rule raised, how many people
 * acknowledged or resolved, how many are still open, and the reasons people gave. Counted in the database
 * (GROUP BY), so a year of alerts costs one scan, not a page-by-page read.
 */
@ApplicationScoped
public class AlertBurden {
    private final EntityManager entityManager;

    public AlertBurden(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** A reason people gave, and how many alerts of the rule carry it. */
    public record ReasonCount(String reason, long count) {
    }

    /** One rule's figures; {@code ruleId} is null for alerts raised without a rule (a merge conflict). */
    public record RuleBurden(String ruleId, long raised, long acknowledged, long resolvedByPerson, long open,
            List<ReasonCount> acknowledgementReasons, List<ReasonCount> resolutionReasons) {
    }

    private static final String PERIOD = " FROM alert WHERE raised_at >= ?1 AND raised_at < ?2";

    /** Per rule, most alerts first; the reasons are those of alerts raised in the period (acknowledgements, resolutions by a person). */
    public List<RuleBurden> per(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> counts = entityManager.createNativeQuery("SELECT rule_id, count(*), count(acknowledged_at), count(resolved_by), "
                + "count(*) FILTER (WHERE status = 'OPEN')" + PERIOD + " GROUP BY rule_id ORDER BY count(*) DESC, rule_id")
                .setParameter(1, from).setParameter(2, to).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> reasons = entityManager.createNativeQuery("SELECT rule_id, kind, reason, count(*) FROM ("
                + "SELECT rule_id, 'A' AS kind, btrim(acknowledgement_reason) AS reason" + PERIOD + " AND btrim(acknowledgement_reason) <> '' "
                + "UNION ALL SELECT rule_id, 'R', btrim(resolution)" + PERIOD + " AND resolved_by IS NOT NULL AND btrim(resolution) <> ''"
                + ") r GROUP BY rule_id, kind, reason ORDER BY count(*) DESC, reason")
                .setParameter(1, from).setParameter(2, to).getResultList();
        Map<String, List<ReasonCount>> acknowledgements = new LinkedHashMap<>();
        Map<String, List<ReasonCount>> resolutions = new LinkedHashMap<>();
        for (Object[] row : reasons) {
            var target = "A".equals(row[1]) ? acknowledgements : resolutions;
            target.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new ReasonCount((String) row[2], number(row[3])));
        }
        List<RuleBurden> rules = new ArrayList<>(counts.size());
        for (Object[] row : counts) {
            String rule = (String) row[0];
            rules.add(new RuleBurden(rule, number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                    acknowledgements.getOrDefault(rule, List.of()), resolutions.getOrDefault(rule, List.of())));
        }
        return rules;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
