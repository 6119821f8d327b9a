package org.ilsafety.dosing.rest;

/**
 * Bounds of the dosing requests' text fields, tighter than the suite's 10,000 characters: what the
 * field can hold and what the plan tables keep.
 */
public final class RequestLimits {
    /** Product and drug names, indication codes. */
    public static final int NAME_MAX = 32;
    /** IV or SC. */
    public static final int ROUTE_MAX = 8;
    /** A weight unit (kg, g, lb, [lb_av]). */
    public static final int UNIT_MAX = 16;
    /** An ISO-8601 interval (P1W, PT8H). */
    public static final int INTERVAL_MAX = 16;
    /** An indication code: letters, digits, '_' and '-' (RA, SSC_ILD, PMR). */
    public static final String CODE = "[A-Za-z0-9_-]*";
    public static final String CODE_MESSAGE = "must be a code of letters, digits, '_' and '-'";
    /** A FHIR resource id: 1 to 64 letters, digits, '-' and '.'. */
    public static final String FHIR_ID = "[A-Za-z0-9.-]{1,64}";
    public static final String FHIR_ID_MESSAGE = "must be 1 to 64 letters, digits, '-' and '.' (a FHIR id)";

    private RequestLimits() {
    }
}
