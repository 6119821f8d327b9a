package org.ilsafety.monitoring.alert.rest;

import java.time.Instant;
import java.util.List;

import org.ilsafety.monitoring.alert.AlertBurden;

/**
 * The alert burden of a period, per rule, most alerts first. The reasons are free text people wrote (they may
 * name a patient): null for a dashboard caller, as in {@link AlertView}.
 */
public record AlertBurdenView(Instant from, Instant to, long raised, List<Rule> rules) {

    public record Rule(String ruleId, long raised, long acknowledged, long resolvedByPerson, long open,
            List<AlertBurden.ReasonCount> acknowledgementReasons, List<AlertBurden.ReasonCount> resolutionReasons) {
    }

    static AlertBurdenView of(Instant from, Instant to, List<AlertBurden.RuleBurden> rules, boolean showsReasons) {
        return new AlertBurdenView(from, to, rules.stream().mapToLong(AlertBurden.RuleBurden::raised).sum(), rules.stream()
                .map(r -> new Rule(r.ruleId(), r.raised(), r.acknowledged(), r.resolvedByPerson(), r.open(),
                        showsReasons ? r.acknowledgementReasons() : null, showsReasons ? r.resolutionReasons() : null))
                .toList());
    }
}
