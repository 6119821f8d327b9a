package org.ilsafety.monitoring.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.ilsafety.monitoring.patient.MergedPatients;

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

    /**
     * One scan of the period's alerts (through the {@code raised_at} index) grouped three ways at once: per rule (the counts,
     * {@code GROUPING} 3), per rule and acknowledgement reason (1), per rule and reason of a resolution by a person (2).
     */
    /**
     * The service's own resolvers ({@code "system"} when a result, a screen or the end of a therapy resolves an alert;
     * {@link org.ilsafety.monitoring.patient.MergedPatients#BY} for a merge): anyone else is a person who resolved it through the API.
     */
    private static final String BY_A_PERSON = "resolved_by NOT IN ('" + AlertService.SYSTEM + "', '" + MergedPatients.BY + "')";

    public static final String SQL = """
            SELECT rule_id, GROUPING(acknowledgement_reason, resolution_reason), acknowledgement_reason, resolution_reason,
                   count(*), count(acknowledged_at), count(*) FILTER (WHERE BY_A_PERSON), count(*) FILTER (WHERE status = 'OPEN')
            FROM (SELECT rule_id, status, acknowledged_at, resolved_by, NULLIF(btrim(acknowledgement_reason), '') AS acknowledgement_reason,
                         CASE WHEN BY_A_PERSON THEN NULLIF(btrim(resolution), '') END AS resolution_reason
                  FROM alert WHERE raised_at >= ?1 AND raised_at < ?2) period
            GROUP BY GROUPING SETS ((rule_id), (rule_id, acknowledgement_reason), (rule_id, resolution_reason))""".replace("BY_A_PERSON", BY_A_PERSON);
    private static final int PER_RULE = 3;
    private static final int PER_ACKNOWLEDGEMENT_REASON = 1;
    private static final int PER_RESOLUTION_REASON = 2;

    private static final Comparator<ReasonCount> MOST_GIVEN = Comparator.comparingLong(ReasonCount::count).reversed()
            .thenComparing(ReasonCount::reason);

    /** Per rule, most alerts first; the reasons are those of alerts raised in the period, most given first. */
    public List<RuleBurden> per(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(SQL).setParameter(1, from).setParameter(2, to).getResultList();
        List<Object[]> counts = new ArrayList<>();
        Map<String, List<ReasonCount>> acknowledgements = new HashMap<>();
        Map<String, List<ReasonCount>> resolutions = new HashMap<>();
        for (Object[] row : rows) {
            int grouping = ((Number) row[1]).intValue();
            if (grouping == PER_RULE) {
                counts.add(row);
            } else if (grouping == PER_ACKNOWLEDGEMENT_REASON && row[2] != null) {
                acknowledgements.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new ReasonCount((String) row[2], number(row[4])));
            } else if (grouping == PER_RESOLUTION_REASON && row[3] != null) {
                resolutions.computeIfAbsent((String) row[0], k -> new ArrayList<>()).add(new ReasonCount((String) row[3], number(row[4])));
            }
        }
        List<RuleBurden> rules = new ArrayList<>(counts.size());
        for (Object[] row : counts) {
            String rule = (String) row[0];
            rules.add(new RuleBurden(rule, number(row[4]), number(row[5]), number(row[6]), number(row[7]),
                    sorted(acknowledgements.get(rule)), sorted(resolutions.get(rule))));
        }
        rules.sort(Comparator.comparingLong(RuleBurden::raised).reversed()
                .thenComparing(RuleBurden::ruleId, Comparator.nullsLast(Comparator.naturalOrder())));
        return rules;
    }

    private static List<ReasonCount> sorted(List<ReasonCount> reasons) {
        if (reasons == null) {
            return List.of();
        }
        reasons.sort(MOST_GIVEN);
        return reasons;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
