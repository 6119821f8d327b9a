package org.ilsafety.dosing.patient;

import java.util.regex.Pattern;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.calculation.rest.RequestLimits;

/**
 * The {@code patientId} of a request path: the patient's FHIR id, as the integration bus names the
 * patient. Anything else (too long, control characters, spaces) is a 400 naming the field, never a
 * database error.
 */
public final class PatientIdParameter {
    private static final Pattern FHIR_ID = Pattern.compile(RequestLimits.FHIR_ID);

    private PatientIdParameter() {
    }

    public static String checked(String patientId) {
        if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
            throw ProblemException.badRequest("patientId", RequestLimits.FHIR_ID_MESSAGE);
        }
        return patientId;
    }
}
