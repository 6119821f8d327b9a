package org.ilsafety.monitoring.grading;

/** The therapy a result is graded for: drug (tocilizumab, anakinra), indication, route (IV, SC), context. */
public record Therapy(String drug, String indication, String route, Context context) {
}
