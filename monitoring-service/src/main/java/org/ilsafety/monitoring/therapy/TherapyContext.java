package org.ilsafety.monitoring.therapy;

import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.grading.Context;
import org.ilsafety.monitoring.grading.Therapy;

/** The grading context of a recorded therapy: INITIATION while it is PLANNED (ordered, no dose given, {@link TherapyStart}), MAINTENANCE once a dose was given. */
public final class TherapyContext {
    private TherapyContext() {
    }

    public static Therapy of(ActiveTherapy therapy) {
        Context context = TherapyStart.beforeFirstDose(therapy) ? Context.INITIATION : Context.MAINTENANCE;
        return new Therapy(therapy.moleculeId, therapy.indication, therapy.route, context);
    }

    public static Therapy initiation(ActiveTherapy therapy) {
        return new Therapy(therapy.moleculeId, therapy.indication, therapy.route, Context.INITIATION);
    }
}
