package org.ilsafety.monitoring.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.monitoring.alert.AlertCondition;
import org.ilsafety.monitoring.alert.AlertFinding;
import org.ilsafety.monitoring.alert.AlertRequest;
import org.ilsafety.monitoring.alert.AlertType;
import org.ilsafety.monitoring.alert.Severity;
import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.ilsafety.monitoring.knowledge.Screening;
import org.ilsafety.monitoring.lab.LabResult;
import org.ilsafety.monitoring.lab.LabResults;
import org.ilsafety.monitoring.response.ClinicalResponse;
import org.ilsafety.monitoring.response.PatientStates;

/**
 * The baseline labs a start is judged on (issue 19 item 2, {@code baselineLabs} in screening.yaml). When a therapy is
 * ordered, each required baseline with no usable result within {@code baselineMaxAgeDays} (none on file, or all older)
 * raises a SCREENING alert that asks for it before the first dose; a usable result of it resolves the alert.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BaselineLabs {
    private final MonitoringKnowledge knowledge;
    private final LabResults results;
    private final ClinicalResponse responses;

    public BaselineLabs(MonitoringKnowledge knowledge, LabResults results, ClinicalResponse responses) {
        this.knowledge = knowledge;
        this.results = results;
        this.responses = responses;
    }

    /** The alert subject of a baseline requirement. */
    public static String cause(Screening.BaselineLab baseline) {
        return StartScreening.cause("BASELINE-" + baseline.id());
    }

    /** At the order: an alert for each required baseline with no usable recent result. */
    public void check(ActiveTherapy therapy, Instant now) {
        Instant oldest = oldest(now);
        for (Screening.BaselineLab baseline : required(therapy)) {
            boolean onFile = baseline.analytes().stream().anyMatch(analyte -> results.recent(therapy.patientId, analyte, PatientStates.HISTORY)
                    .stream().anyMatch(r -> usable(r, oldest)));
            if (!onFile) {
                responses.raise(new AlertRequest(new AlertCondition(therapy.patientId, AlertType.SCREENING, cause(baseline)),
                        new AlertFinding(StartScreening.ANALYTE, Action.MONITOR, Severity.MODERATE, baseline.display() + ": "
                                + baseline.message().replace("{days}", String.valueOf(knowledge.screening().content().baselineMaxAgeDays())), false, now),
                        new Provenance(baseline.ruleId(), baseline.source(), knowledge.screening().version())));
            }
        }
    }

    /** A result was stored for a patient on therapy: a usable recent one answers the baseline it belongs to. */
    public void answered(ActiveTherapy therapy, LabResult result) {
        if (!usable(result, oldest(Instant.now()))) {
            return;
        }
        for (Screening.BaselineLab baseline : required(therapy)) {
            if (baseline.analytes().contains(result.analyte)) {
                responses.resolve(new AlertCondition(therapy.patientId, AlertType.SCREENING, cause(baseline)),
                        "A baseline " + result.analyte + " result arrived");
            }
        }
    }

    private List<Screening.BaselineLab> required(ActiveTherapy therapy) {
        return required(knowledge.screening().content(), therapy.moleculeId, therapy.indication);
    }

    /** The baselines a start of the drug for the indication needs. */
    static List<Screening.BaselineLab> required(Screening screening, String drug, String indication) {
        return screening.baselineLabs().stream().filter(b -> b.drugs().contains(drug) && !b.exemptIndications().contains(indication)).toList();
    }

    private Instant oldest(Instant now) {
        return now.minus(Duration.ofDays(knowledge.screening().content().baselineMaxAgeDays()));
    }

    /** A final result with a value the thresholds can judge (converted, and with its ULN where one is needed), recent enough. */
    private static boolean usable(LabResult result, Instant oldest) {
        return result.scaledValue != null && !"PRELIMINARY".equals(result.status) && result.observedAt.isAfter(oldest);
    }
}
