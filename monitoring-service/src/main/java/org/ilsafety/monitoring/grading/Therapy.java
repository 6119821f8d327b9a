package org.ilsafety.monitoring.grading;

/** The therapy a result is graded for: drug (tocilizumab, anakinra), indication, route (IV, SC), context. */
public record Therapy(String drug, String indication, String route, Context context) {
    /** The indication an order reader gives a code that is not a labeled indication ({@code offLabelIndication} in indications.yaml). */
    public static final String OFF_LABEL = "OFF_LABEL";

    /**
     * No labeled indication is known: none was given, or the order named an off-label one. Such a therapy is graded with the
     * drug's strictest labeled adult rule set and every finding requires individual review, so it is never left ungraded.
     */
    public boolean indicationUnknown() {
        return indication == null || OFF_LABEL.equals(indication);
    }
}
