package org.ilsafety.monitoring.alert;

import org.ilsafety.common.knowledge.Provenance;

/** What a rule asks to alert about: the condition, the finding behind it and the rule that found it. */
public record AlertRequest(AlertCondition condition, AlertFinding finding, Provenance provenance) {

    public String patientId() {
        return condition.patientId();
    }

    public AlertType type() {
        return condition.type();
    }

    public String subject() {
        return condition.subject();
    }
}
