package org.ilsafety.interaction.check;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer of one check: findings, what was not recognised, and the exposure period applied. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(LocalDate asOf, String drug, String knowledgeVersion, ExposurePeriod exposure, List<Finding> findings,
        List<Unrecognized> unrecognized) {

    /**
     * The period the rules applied to: live vaccines dated from {@code liveVaccinesFrom}, everything up to
     * {@code until} inclusive (null while the therapy is planned or active).
     */
    public record ExposurePeriod(LocalDate liveVaccinesFrom, LocalDate until, int exposureWindowDays, boolean exposureWindowVerified,
            String exposureWindowSource) {
    }
}
