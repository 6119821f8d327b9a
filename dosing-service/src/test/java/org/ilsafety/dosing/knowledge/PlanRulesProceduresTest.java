package org.ilsafety.dosing.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Every procedural rule a plan change can record (plan-rules.yaml {@code procedures}) is in the shipped knowledge with
 * its id and source, and no two share an id: a plan change never names a rule the knowledge base lacks.
 */
class PlanRulesProceduresTest {
    @Test
    void everyProcedureHasAnIdAndASource() throws Exception {
        PlanRules.Procedures procedures = new DosingKnowledge(Optional.empty()).planRules().procedures();
        List<String> ids = new ArrayList<>();
        for (RecordComponent component : PlanRules.Procedures.class.getRecordComponents()) {
            PlanRules.RuleNote rule = (PlanRules.RuleNote) component.getAccessor().invoke(procedures);
            assertFalse(rule == null || rule.ruleId() == null || rule.ruleId().isBlank(), component.getName() + ": no rule id");
            assertFalse(rule.source() == null || rule.source().isBlank(), component.getName() + ": no source");
            assertFalse(rule.note() == null || rule.note().isBlank(), component.getName() + ": no note");
            ids.add(rule.ruleId());
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate rule ids: " + ids);
        assertEquals(11, ids.size());
    }
}
