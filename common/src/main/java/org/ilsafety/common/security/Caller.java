package org.ilsafety.common.security;

import java.util.Set;
import java.util.TreeSet;

/** Who made a request: the token's subject and the suite roles it holds. */
public record Caller(String subject, Set<String> roles) {
    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** No verified caller: only {@link #ANONYMOUS} itself, never a token whose subject happens to read "anonymous". */
    public boolean anonymous() {
        return this == ANONYMOUS;
    }

    /** May see who a patient is: every role but {@link Roles#DASHBOARD}. */
    public boolean seesPatientIdentity() {
        return roles.contains(Roles.CLINICIAN) || roles.contains(Roles.PHARMACIST) || roles.contains(Roles.INTEGRATION);
    }

    /** The roles as one sorted, comma-separated string (the audit trail's form). */
    public String roleList() {
        return String.join(",", new TreeSet<>(roles));
    }
}
