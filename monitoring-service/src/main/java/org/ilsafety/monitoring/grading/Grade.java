package org.ilsafety.monitoring.grading;

import java.util.Optional;

import org.ilsafety.monitoring.knowledge.LabRules;

/** A finding with what produced it: the analyte, the scaled value (count or ULN multiple), the band rule and its rule set. */
public record Grade(Finding finding, LabRules.Analyte analyte, Double scaledValue, LabRules.Rule rule, LabRules.RuleSet ruleSet) {

    public boolean graded() {
        return finding.status() == FindingStatus.GRADED;
    }

    public Optional<LabRules.Recovery> recovery() {
        if (ruleSet == null || ruleSet.resumeWhen() == null || analyte == null) {
            return Optional.empty();
        }
        return ruleSet.resumeWhen().stream().filter(r -> r.analytes().contains(analyte.id())).findFirst();
    }
}
