package org.ilsafety.monitoring.grading;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/** Grades a set of results for one therapy and combines them into the most severe action. */
@ApplicationScoped
public class LabEvaluator {
    private final LabGrader grader;

    public LabEvaluator(LabGrader grader) {
        this.grader = grader;
    }

    public Evaluation evaluate(Therapy therapy, List<LabValue> results) {
        List<Finding> findings = results.stream().map(lab -> grader.grade(therapy, lab).finding()).toList();
        Action action = null;
        boolean review = false;
        int graded = 0;
        for (Finding finding : findings) {
            if (finding.status() == FindingStatus.NOT_EVALUATED) {
                continue;
            }
            graded += finding.status() == FindingStatus.GRADED ? 1 : 0;
            action = Action.mostSevere(action, finding.action());
            review |= finding.requiresIndividualReview();
        }
        // Nothing could be graded: a person has to look, which is MONITOR, not a silent CONTINUE.
        return new Evaluation(action == null ? Action.MONITOR : action, review, graded, findings);
    }

    public record Evaluation(Action action, boolean requiresIndividualReview, int graded, List<Finding> findings) {
    }
}
