package org.ilsafety.monitoring.grading;

/**
 * The grade of one result. {@code value} is converted to the rule's {@code unit}; {@code multipleOfUln} is
 * set for analytes graded against the upper limit of normal.
 */
public record Finding(
        String code,
        String analyte,
        FindingStatus status,
        Double value,
        String unit,
        Double multipleOfUln,
        String band,
        Action action,
        boolean requiresIndividualReview,
        String message,
        String ruleId,
        String source,
        String knowledgeVersion) {
}
