package org.ilsafety.monitoring.lab;

import java.util.Arrays;
import java.util.List;

import org.ilsafety.monitoring.grading.Action;
import org.ilsafety.monitoring.knowledge.LabRules;
import org.ilsafety.monitoring.knowledge.MonitoringKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Persistence and confirmation of transaminase elevations, on the packaged rules. */
class HistoryRuleTest {
    private static final MonitoringKnowledge KNOWLEDGE = MonitoringKnowledge.packaged();

    private static LabRules.Rule rule(String id) {
        return KNOWLEDGE.labRules().content().ruleSets().stream().flatMap(s -> s.rules().stream()).filter(r -> r.id().equals(id))
                .findFirst().orElseThrow();
    }

    private static List<Double> earlier(String values) {
        return values.isBlank() ? List.of() : Arrays.stream(values.split(" ")).map(v -> v.equals("-") ? null : Double.valueOf(v)).toList();
    }

    @ParameterizedTest(name = "{0} after [{1}] -> {2}")
    @CsvSource({
            // rule, earlier multiples of ULN (newest first), expected action
            "TCZ-LFT-1-3, '', MONITOR",
            "TCZ-LFT-1-3, 0.9, MONITOR",
            "TCZ-LFT-1-3, 1.0, MONITOR",
            "TCZ-LFT-1-3, 1.01, REDUCE_DOSE",
            "TCZ-LFT-1-3, 2.5 0.5, REDUCE_DOSE",
            "TCZ-LFT-1-3, -, MONITOR",
            "TCZ-LFT-3-5, '', MONITOR",
            "TCZ-LFT-3-5, 2.9, MONITOR",
            "TCZ-LFT-3-5, 3.0, MONITOR",
            "TCZ-LFT-3-5, 3.01, INTERRUPT",
            "TCZ-LFT-3-5, 4 4, DISCONTINUE",
            "TCZ-LFT-3-5, 4 2 4, INTERRUPT",
            "TCZ-LFT-OVER-5, '', DISCONTINUE",
            "TCZ-JIA-LFT-1-3, 2, INTERRUPT",
            "TCZ-JIA-LFT-3-5, 4 4, INTERRUPT",
            "TCZ-JIA-LFT-3-5, '', MONITOR",
    })
    void consecutiveResults(String ruleId, String earlier, Action expected) {
        assertEquals(expected, HistoryRule.apply(rule(ruleId), earlier(earlier)).action());
    }
}
