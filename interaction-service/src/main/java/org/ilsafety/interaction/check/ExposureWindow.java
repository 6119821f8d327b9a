package org.ilsafety.interaction.check;

import java.time.LocalDate;

/**
 * When the therapy's molecule is in the patient, as far as interactions go.
 * <ul>
 * <li>PLANNED or ACTIVE: open-ended ({@link #until()} is null).</li>
 * <li>STOPPED: up to and including {@code lastDoseDate + exposureWindowDays}; the day after is outside.
 * Tocilizumab's 91 days after a last dose on 2026-01-01 ends on 2026-04-02: a live vaccine on 2026-04-02
 * is flagged, one on 2026-04-03 is not.</li>
 * <li>Live vaccines count from {@code leadDays} before the start ({@code startDate}, or when unknown the
 * earlier of asOf and lastDoseDate), because the vaccine organism still replicates when therapy begins.</li>
 * </ul>
 */
public record ExposureWindow(LocalDate liveVaccinesFrom, LocalDate until, boolean fromDependsOnAsOf) {

    public static ExposureWindow of(Therapy therapy, int exposureWindowDays, int leadDays, LocalDate asOf) {
        LocalDate until = therapy.status() == TherapyStatus.STOPPED ? therapy.lastDoseDate().plusDays(exposureWindowDays) : null;
        LocalDate start = therapy.startDate();
        boolean dependsOnAsOf = false;
        if (start == null) {
            start = therapy.lastDoseDate() != null && therapy.lastDoseDate().isBefore(asOf) ? therapy.lastDoseDate() : asOf;
            dependsOnAsOf = start.equals(asOf);
        }
        return new ExposureWindow(start.minusDays(leadDays), until, dependsOnAsOf);
    }

    /** A medicine taken on {@code asOf} meets the molecule. */
    public boolean coversMedicationOn(LocalDate asOf) {
        return until == null || !asOf.isAfter(until);
    }

    /** A live vaccine given or planned on {@code date} meets the molecule. */
    public boolean coversVaccination(LocalDate date) {
        return !date.isBefore(liveVaccinesFrom) && (until == null || !date.isAfter(until));
    }

    /** The last day a vaccination finding holds with nothing else changing (null: open-ended). */
    public LocalDate vaccinationFindingValidUntil(LocalDate date, int leadDays) {
        return fromDependsOnAsOf ? date.plusDays(leadDays) : null;
    }
}
