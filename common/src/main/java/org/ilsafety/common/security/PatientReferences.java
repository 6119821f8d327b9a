package org.ilsafety.common.security;

import jakarta.enterprise.context.RequestScoped;

import org.ilsafety.common.privacy.Pseudonymizer;
import org.ilsafety.common.problem.ProblemException;

/**
 * How a patient appears in a response to the current caller: the id for clinical roles and the bus, the
 * pseudonym for dashboards (no patient detail beyond a pseudonymous id).
 */
@RequestScoped
public class PatientReferences {
    private final CurrentCaller caller;
    private final Pseudonymizer pseudonyms;

    public PatientReferences(CurrentCaller caller, Pseudonymizer pseudonyms) {
        this.caller = caller;
        this.pseudonyms = pseudonyms;
    }

    public String forCaller(String patientId) {
        if (patientId == null || caller.get().seesPatientIdentity()) {
            return patientId;
        }
        return pseudonyms.of(patientId);
    }

    /**
     * An alert's subject for the caller: a dashboard gets the part after the first ':' (a source record's id,
     * such as the Condition behind {@code INFECTION:<id>}, which may embed a record number) as a pseudonym.
     */
    public String subjectForCaller(String subject) {
        int colon = subject == null ? -1 : subject.indexOf(':');
        if (colon < 0 || caller.get().seesPatientIdentity()) {
            return subject;
        }
        return subject.substring(0, colon + 1) + pseudonyms.of(subject.substring(colon + 1));
    }

    /**
     * A patient id the caller filters by: refused (403) for a caller who sees pseudonyms only, since an answer
     * to "this id" would link the id to its pseudonym.
     */
    public String filterOf(String field, String patientId) {
        if (patientId != null && !caller.get().seesPatientIdentity()) {
            throw ProblemException.forbidden(field, "a dashboard caller sees patients by pseudonym only and cannot filter by a patient id");
        }
        return patientId;
    }

    /** False for dashboards: leave patient detail (names, values, free text) out of the response. */
    public boolean showsDetail() {
        return caller.get().seesPatientIdentity();
    }
}
