package org.ilsafety.common.audit;

import jakarta.enterprise.context.RequestScoped;

/** What a request's audit row must name that its path does not: the decision it produced, the patient its body names. */
@RequestScoped
public class AuditNotes {
    private String target;
    private String patientId;

    /** The id of the decision or record the request created or changed. */
    public void target(String id) {
        this.target = id;
    }

    String target() {
        return target;
    }

    /** The patient a request names only in its body (CDS Hooks {@code context.patientId}); audited by pseudonym. */
    public void patient(String patientId) {
        this.patientId = patientId;
    }

    String patient() {
        return patientId;
    }
}
