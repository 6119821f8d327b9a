package org.ilsafety.common.audit;

import jakarta.enterprise.context.RequestScoped;

/** What a request produced that its audit row must name (a decision, a plan, a finding). */
@RequestScoped
public class AuditNotes {
    private String target;

    /** The id of the decision or record the request created or changed. */
    public void target(String id) {
        this.target = id;
    }

    String target() {
        return target;
    }
}
