package org.ilsafety.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The plot data: points per analyte, the grading rule set's bands, start thresholds, doses. */
class TimelineChartsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String KNOWLEDGE = """
            {"knowledgeVersion":"2026.11.0+abc","labRules":{"ruleSets":[
              {"id":"INIT","drug":"tocilizumab","context":"INITIATION","indications":["RA"],"source":"USPI 2.x","rules":[
                {"id":"INIT-ANC-LOW","analytes":["ANC"],"below":2000,"band":"< 2000 /mm3","action":"DO_NOT_START","verified":true}]},
              {"id":"MAINT","drug":"tocilizumab","context":"MAINTENANCE","indications":["RA"],"source":"USPI 2.x dose modifications","rules":[
                {"id":"ANC-OK","analytes":["ANC"],"above":1000,"band":"> 1000 /mm3","action":"CONTINUE","verified":true},
                {"id":"ANC-MID","analytes":["ANC"],"atLeast":500,"atMost":1000,"band":"500 to 1000 /mm3","action":"INTERRUPT","verified":true},
                {"id":"LFT-HIGH","analytes":["ALT","AST"],"above":5,"band":"> 5 x ULN","action":"DISCONTINUE","verified":true}]}]}}""";
    static final String LABS = """
            {"results":[
              {"analyte":"ANC","value":0.8,"unit":"10*9/L","convertedValue":800,"observedAt":"2026-11-15T08:00:00Z","band":"500 to 1000 /mm3",
               "action":"INTERRUPT","ruleId":"ANC-MID","knowledgeVersion":"2026.11.0+abc","context":"MAINTENANCE"},
              {"analyte":"ALT","value":120,"unit":"U/L","referenceHigh":40,"observedAt":"2026-11-14T08:00:00Z","ruleId":"LFT-HIGH"},
              {"analyte":"AST","value":50,"unit":"U/L","observedAt":"2026-11-14T08:00:00Z"}]}""";
    static final String PLAN = """
            {"moleculeId":"tocilizumab","indication":"RA","administrations":[{"doseNumber":1,"administeredAt":"2026-11-01T09:00:00Z","doseMg":560}]}""";

    @Test
    @SuppressWarnings("unchecked")
    void pointsBandsThresholdsAndDosesComeFromTheServicesAnswers() throws Exception {
        Map<String, Object> data = TimelineCharts.build(JSON.readTree(LABS), JSON.readTree(PLAN), JSON.readTree(KNOWLEDGE));
        List<Map<String, Object>> plots = (List<Map<String, Object>>) data.get("plots");
        Map<String, Object> anc = plots.get(0);
        Map<String, Object> ancPoint = ((List<Map<String, Object>>) ((List<Map<String, Object>>) anc.get("series")).get(0).get("points")).get(0);
        assertEquals(800.0, ancPoint.get("y"), "plotted in /mm3");
        assertEquals("USPI 2.x dose modifications", ancPoint.get("source"), "the source of the rule that graded it");
        List<Map<String, Object>> bands = (List<Map<String, Object>>) anc.get("bands");
        assertEquals(List.of("ANC-OK", "ANC-MID"), bands.stream().map(b -> b.get("ruleId")).toList());
        assertEquals(500.0, bands.get(1).get("from"));
        assertEquals(1000.0, bands.get(1).get("to"));
        assertNull(bands.get(0).get("to"), "an open upper bound stays open");
        assertEquals(2000.0, ((List<Map<String, Object>>) anc.get("startThresholds")).get(0).get("value"));

        Map<String, Object> liver = plots.get(2);
        List<Map<String, Object>> series = (List<Map<String, Object>>) liver.get("series");
        assertEquals(3.0, ((List<Map<String, Object>>) series.get(0).get("points")).get(0).get("y"), "ALT 120 with ULN 40 is 3 x ULN");
        assertNull(((List<Map<String, Object>>) series.get(1).get("points")).get(0).get("y"), "no ULN, no ratio: listed, not plotted");
        assertEquals("Dose 1, 560.0 mg", ((List<Map<String, Object>>) data.get("doses")).get(0).get("label"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTherapyWithoutARuleSetGetsNoBands() throws Exception {
        JsonNode anakinra = JSON.readTree("{\"moleculeId\":\"anakinra\",\"indication\":\"CAPS\",\"administrations\":[]}");
        Map<String, Object> data = TimelineCharts.build(JSON.readTree(LABS), anakinra, JSON.readTree(KNOWLEDGE));
        for (Map<String, Object> plot : (List<Map<String, Object>>) data.get("plots")) {
            assertTrue(((List<?>) plot.get("bands")).isEmpty(), "no borrowed thresholds");
            assertNull(plot.get("ruleSet"));
        }
    }
}
