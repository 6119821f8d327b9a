package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.check.TherapyStatus;

/**
 * Reads the shared {@code active_therapy} row as the checker's {@link Therapy}. INTERRUPTED counts as
 * ACTIVE (the plan resumes, the drug is still there). DISCONTINUED or STOPPED without a recorded last
 * dose uses the time of the stop as the last dose: it is on or after the real last dose, so the window
 * can only come out longer, never shorter.
 */
public final class TherapyView {
    private TherapyView() {
    }

    public static Therapy of(ActiveTherapy therapy, ZoneId zone) {
        TherapyStatus status = switch (therapy.status) {
            case PLANNED -> TherapyStatus.PLANNED;
            case DISCONTINUED, STOPPED -> TherapyStatus.STOPPED;
            case ACTIVE, INTERRUPTED -> TherapyStatus.ACTIVE;
        };
        Instant lastDose = therapy.lastDoseAt != null ? therapy.lastDoseAt : status == TherapyStatus.STOPPED ? therapy.updatedAt : null;
        return new Therapy(therapy.moleculeId, therapy.productId, status, date(therapy.startedAt, zone), date(lastDose, zone));
    }

    private static LocalDate date(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDate.ofInstant(instant, zone);
    }
}
