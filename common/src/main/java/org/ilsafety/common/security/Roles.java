package org.ilsafety.common.security;

/**
 * The suite's roles, carried in the token's {@code groups} claim.
 * <ul>
 * <li>{@link #CLINICIAN}: calculate, evaluate, check, read a patient's data, acknowledge alerts;</li>
 * <li>{@link #PHARMACIST}: as a clinician, plus knowledge-base administration and the audit trail;</li>
 * <li>{@link #INTEGRATION}: the hospital integration bus (events, hook calls, administrations);</li>
 * <li>{@link #DASHBOARD}: read-only alert and status queries; patients appear by pseudonym only.</li>
 * </ul>
 */
public final class Roles {
    public static final String CLINICIAN = "clinician";
    public static final String PHARMACIST = "pharmacist";
    public static final String INTEGRATION = "integration";
    public static final String DASHBOARD = "dashboard";

    private Roles() {
    }
}
