package org.ilsafety.monitoring.grading;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.ilsafety.common.knowledge.Attributed;
import org.ilsafety.common.knowledge.Provenance;

/**
 * The grade of one result. {@code value} is converted to the rule's {@code unit}; {@code multipleOfUln} is
 * set for analytes graded against the upper limit of normal. The rule behind it is one {@link Provenance}, flat in JSON
 * ({@code ruleId}, {@code source}, {@code knowledgeVersion}).
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
        @JsonUnwrapped Provenance provenance) implements Attributed {
}
