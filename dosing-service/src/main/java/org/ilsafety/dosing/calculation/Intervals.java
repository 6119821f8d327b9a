package org.ilsafety.dosing.calculation;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

import org.ilsafety.common.problem.ProblemException;

/** Dose intervals as the knowledge base and prescribers write them: ISO-8601 weeks, days or hours. */
public final class Intervals {
    private Intervals() {
    }

    /** An ISO-8601 interval as a duration (P1W, P2W, P1D, PT8H); refused, naming the field, when it is not one. */
    public static Duration parse(String interval, String field) {
        Duration duration;
        try {
            if (interval.contains("T")) {
                duration = Duration.parse(interval);
            } else {
                Period period = Period.parse(interval);
                if (period.toTotalMonths() != 0) {
                    throw ProblemException.badRequest(field, "use weeks, days or hours, not months");
                }
                duration = Duration.ofDays(period.getDays());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ProblemException.badRequest(field, "not an ISO-8601 duration such as P1W, P2W, P1D or PT8H");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw ProblemException.badRequest(field, "must be a positive duration");
        }
        return duration;
    }
}
