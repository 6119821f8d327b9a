package org.ilsafety.common.inbox;

/** The reason codes of inputs that change nothing (IGNORED). Codes only: never patient data. */
public final class IgnoredReasons {
    /** Valid FHIR of a type this service does not use (Encounter, Claim, Practitioner, ...). */
    public static final String RESOURCE_TYPE_NOT_USED = "RESOURCE_TYPE_NOT_USED";
    /** A Bundle entry without a resource (a DELETE or a GET request entry). */
    public static final String ENTRY_WITHOUT_RESOURCE = "ENTRY_WITHOUT_RESOURCE";
    /** A Bundle without entries. */
    public static final String EMPTY_BUNDLE = "EMPTY_BUNDLE";
    /** A medicine none of the suite's products (nor, for the interaction check, any agent) matches. */
    public static final String MEDICINE_UNRECOGNIZED = "MEDICINE_UNRECOGNIZED";
    /** An Observation code (LOINC) this service does not monitor. */
    public static final String CODE_NOT_MONITORED = "CODE_NOT_MONITORED";
    /** An Observation whose status does not count (entered-in-error, cancelled, unknown). */
    public static final String STATUS_NOT_ACTED_ON = "STATUS_NOT_ACTED_ON";
    /** A preliminary or registered Observation: stored and shown where the service keeps results, not acted on. */
    public static final String PRELIMINARY_RESULT = "PRELIMINARY_RESULT";
    /** No interleukin-blocking therapy is recorded for the patient, and the input matters only with one. */
    public static final String NO_THERAPY = "NO_THERAPY";
    /** An administration not completed (in-progress, not-done, stopped, entered-in-error). */
    public static final String NOT_COMPLETED = "NOT_COMPLETED";
    /** A Patient without the element this service reads (birthDate). */
    public static final String NOTHING_USED = "NOTHING_USED";
    /** Kept for later references (a Medication or Condition resolved by id), changes nothing by itself. */
    public static final String KEPT_FOR_REFERENCE = "KEPT_FOR_REFERENCE";
    /** A value with a comparator where only an exact value can be used (a body weight). */
    public static final String VALUE_NOT_EXACT = "VALUE_NOT_EXACT";

    /** A version of a Condition or AllergyIntolerance older than the version already applied: the newer one stands. */
    public static final String SUPERSEDED_VERSION = "SUPERSEDED_VERSION";

    /** A Patient merge (link replaced-by / replaces) already applied: the survivor's and the merged-away record's Patient both state it. */
    public static final String MERGE_ALREADY_APPLIED = "MERGE_ALREADY_APPLIED";
    /** A reading of a status (pregnancy, breastfeeding) older than the latest reading kept: the later reading stands. */
    public static final String OLDER_READING = "OLDER_READING";
    /** An Observation of a status whose answer says neither that it holds nor that it ends (unknown, or both). */
    public static final String ANSWER_NOT_RECOGNISED = "ANSWER_NOT_RECOGNISED";

    /** A stopped or completed order other than the therapy's current order (a one-off order beside the standing one): the course goes on. */
    public static final String NOT_THE_CURRENT_ORDER = "NOT_THE_CURRENT_ORDER";

    private IgnoredReasons() {
    }
}
