package org.ilsafety.interaction.patient;

/**
 * A finding as the worklist sees it: OPEN (holds, no one acknowledged it yet), ACKNOWLEDGED (holds, a person
 * acknowledged it), CLOSED (its cause ended). There is no "resolved by a person": a finding closes by itself when
 * the medicine, vaccination window, condition or therapy behind it ends.
 */
public enum FindingStatus {
    OPEN, ACKNOWLEDGED, CLOSED;

    public static FindingStatus of(InteractionFinding finding) {
        if (InteractionFinding.CLOSED.equals(finding.status)) {
            return CLOSED;
        }
        return finding.acknowledgedAt == null ? OPEN : ACKNOWLEDGED;
    }
}
