package org.ilsafety.dosing.calculation;

/**
 * When the dose is given: the ISO-8601 interval, or for a dose repeated only on no improvement (CRS, COVID-19) no
 * interval and {@code repeat} saying when a repeat may be given; the dose number and what remains of the labeled
 * repeats or course.
 */
public record Schedule(String interval, Integer doseNumber, Integer maxAdditionalDoses, Integer remainingDoses,
        Double minHoursBetweenDoses, Integer courseDoses, String repeat) {
}
