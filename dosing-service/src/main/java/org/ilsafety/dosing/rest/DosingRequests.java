package org.ilsafety.dosing.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.dosing.calculation.DoseQuery;
import org.ilsafety.dosing.calculation.rest.DoseCalculationRequest;
import org.ilsafety.dosing.calculation.rest.WeightInput;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.Regimens;
import org.ilsafety.dosing.plan.PlanDecisions;
import org.ilsafety.dosing.plan.rest.ReviewRequest;
import org.ilsafety.dosing.weight.WeightConverter;

/**
 * The one place the dosing REST resources check what a request says beyond its bean-validation bounds
 * ({@link RequestLimits}): the patient id of a path, a body that is there, the weight in kilograms, the dates, the dose given and a review's
 * outcome. Each refusal is a 400 problem naming the field, never a database error or a guess.
 */
@ApplicationScoped
public class DosingRequests {
    /** The earliest date a plan may start or a dose may have been given. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Clock skew between the caller and this service for a dose just given. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** A plan may be started ahead of its first dose, by at most this much. */
    private static final Duration LATEST_START_AHEAD = Duration.ofDays(366);
    private static final Pattern FHIR_ID = Pattern.compile(RequestLimits.FHIR_ID);

    private final WeightConverter weights;
    private final DosingKnowledge knowledge;

    public DosingRequests(WeightConverter weights, DosingKnowledge knowledge) {
        this.weights = weights;
        this.knowledge = knowledge;
    }

    /**
     * The {@code patientId} of a request path: the patient's FHIR id, as the integration bus names the patient. Anything
     * else (too long, control characters, spaces) is refused.
     */
    public String patientId(String patientId) {
        if (patientId == null || !FHIR_ID.matcher(patientId).matches()) {
            throw ProblemException.badRequest("patientId", RequestLimits.FHIR_ID_MESSAGE);
        }
        return patientId;
    }

    /** A request body that must be there. */
    public <T> T body(T request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON request body is required");
        }
        return request;
    }

    /** A request's weight in kilograms, refusing a missing value or an unknown unit by field. */
    public double kilograms(WeightInput weight) {
        if (weight == null) {
            throw ProblemException.badRequest("weight", "body weight is required");
        }
        if (weight.value() == null) {
            throw ProblemException.badRequest("weight.value", "the weight value is required");
        }
        if (!Double.isFinite(weight.value())) {
            throw ProblemException.badRequest("weight.value", "must be a finite number");
        }
        if (weight.unit() == null || weight.unit().isBlank()) {
            throw ProblemException.badRequest("weight.unit", "the weight unit is required (" + weights.knownUnits() + ")");
        }
        return weights.toKg(weight.value(), weight.unit())
                .orElseThrow(() -> ProblemException.badRequest("weight.unit", "unknown weight unit; use " + weights.knownUnits()));
    }

    /** The domain query of a calculation request whose weight is already in kilograms. */
    public DoseQuery query(DoseCalculationRequest request, double weightKg) {
        return new DoseQuery(request.product(), request.drug(), request.indication(), request.route(), weightKg, request.ageYears(),
                request.step(), request.mgPerKg(), request.creatinineClearanceMlPerMin(), request.doseNumber(),
                Boolean.TRUE.equals(request.offLabel()), request.prescriberRegimen());
    }

    /** When a plan starts: from 1900 to one year ahead; null when not given. */
    public Instant startedAt(Instant startedAt) {
        return startedAt == null ? null : within(startedAt, "startedAt", Instant.now().plus(LATEST_START_AHEAD), "one year from now");
    }

    /** When a dose was given: from 1900 to now (with the clock skew); now when not given. */
    public Instant administeredAt(Instant administeredAt) {
        return administeredAt == null ? Instant.now()
                : within(administeredAt, "administeredAt", Instant.now().plus(CLOCK_SKEW), "now (a dose given lies in the past)");
    }

    /** A dose given, in mg: positive and at most the plausible single dose of the knowledge base; null when not given. */
    public Double doseGiven(Double doseMg) {
        if (doseMg != null) {
            Regimens.Limits limits = knowledge.regimens().limits();
            if (!Double.isFinite(doseMg) || doseMg <= 0) {
                throw ProblemException.badRequest("doseMg", "the dose given must be a positive number");
            }
            if (doseMg > limits.doseMgMax()) {
                throw ProblemException.badRequest("doseMg", "a single dose above " + limits.doseMgMax() + " mg is not plausible ("
                        + limits.source() + ")");
            }
        }
        return doseMg;
    }

    /** The outcome of a review: required. */
    public PlanDecisions.ReviewOutcome outcome(ReviewRequest request) {
        if (request == null || request.outcome() == null) {
            throw ProblemException.badRequest("outcome", "outcome is required (RESUME or DISCONTINUE)");
        }
        return request.outcome();
    }

    /** The route of a dose given: IV or SC, or null when not given. */
    public String route(String route) {
        String value = route == null ? null : route.trim().toUpperCase(Locale.ROOT);
        if (value != null && !value.equals("IV") && !value.equals("SC")) {
            throw ProblemException.badRequest("route", "route must be IV or SC");
        }
        return value;
    }

    private static Instant within(Instant value, String field, Instant latest, String latestText) {
        if (value.isBefore(EARLIEST) || value.isAfter(latest)) {
            throw ProblemException.badRequest(field, "must lie between 1900-01-01 and " + latestText);
        }
        return value;
    }
}
