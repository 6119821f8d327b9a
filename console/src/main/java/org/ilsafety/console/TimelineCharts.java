package org.ilsafety.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The data behind a patient's plots: ANC, platelets and ALT/AST (as multiples of the upper limit of
 * normal) over time, the label's bands of the rule set that grades this patient (drawn behind the points),
 * the initiation thresholds, and the doses on the same time axis. Bands and thresholds come from
 * monitoring-service's knowledge, never from the console.
 */
final class TimelineCharts {
    /** One plot: its id, title, y-axis unit, and which analytes it shows. */
    record Plot(String id, String title, String axisUnit, List<String> analytes) {
    }

    static final List<Plot> PLOTS = List.of(
            new Plot("ANC", "Absolute neutrophil count", "/mm3", List.of("ANC")),
            new Plot("PLATELETS", "Platelets", "/mm3", List.of("PLATELETS")),
            new Plot("LFT", "ALT and AST", "x ULN", List.of("ALT", "AST")));

    private TimelineCharts() {
    }

    /** {@code plan} may be missing (no therapy plan): then no bands are drawn, and the page says why. */
    static Map<String, Object> build(JsonNode labs, JsonNode plan, JsonNode knowledge) {
        String drug = plan == null ? null : plan.path("moleculeId").asText(null);
        String indication = plan == null ? null : plan.path("indication").asText(null);
        String version = knowledge.path("knowledgeVersion").asText();
        Map<String, String> ruleSources = new LinkedHashMap<>();
        knowledge.path("labRules").path("ruleSets")
                .forEach(set -> set.path("rules").forEach(rule -> ruleSources.putIfAbsent(rule.path("id").asText(), set.path("source").asText())));
        JsonNode maintenance = ruleSet(knowledge, drug, indication, "MAINTENANCE");
        JsonNode initiation = ruleSet(knowledge, drug, indication, "INITIATION");

        List<Map<String, Object>> plots = new ArrayList<>();
        for (Plot plot : PLOTS) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", plot.id());
            out.put("title", plot.title());
            out.put("unit", plot.axisUnit());
            List<Map<String, Object>> series = new ArrayList<>();
            for (String analyte : plot.analytes()) {
                series.add(Map.of("name", analyte, "points", points(labs, analyte, ruleSources)));
            }
            out.put("series", series);
            out.put("ruleSet", maintenance == null ? null : maintenance.path("id").asText());
            out.put("bands", maintenance == null ? List.of() : bands(maintenance, plot.analytes().get(0)));
            out.put("startThresholds", initiation == null ? List.of() : startThresholds(initiation, plot.analytes().get(0)));
            plots.add(out);
        }
        List<Map<String, Object>> doses = new ArrayList<>();
        if (plan != null) {
            plan.path("administrations").forEach(a -> {
                Map<String, Object> dose = new LinkedHashMap<>();
                dose.put("t", a.path("administeredAt").asText());
                dose.put("label", "Dose " + a.path("doseNumber").asInt() + (a.path("doseMg").isNumber() ? ", " + a.path("doseMg").asDouble() + " mg" : ""));
                doses.add(dose);
            });
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("knowledgeVersion", version);
        data.put("drug", drug);
        data.put("indication", indication);
        data.put("plots", plots);
        data.put("doses", doses);
        return data;
    }

    static JsonNode ruleSet(JsonNode knowledge, String drug, String indication, String context) {
        if (drug == null || indication == null) {
            return null;
        }
        for (JsonNode set : knowledge.path("labRules").path("ruleSets")) {
            if (drug.equals(set.path("drug").asText()) && context.equals(set.path("context").asText())) {
                for (JsonNode listed : set.path("indications")) {
                    if (indication.equals(listed.asText())) {
                        return set;
                    }
                }
            }
        }
        return null;
    }

    private static List<Map<String, Object>> points(JsonNode labs, String analyte, Map<String, String> ruleSources) {
        List<Map<String, Object>> points = new ArrayList<>();
        for (JsonNode result : labs.path("results")) {
            if (!analyte.equals(result.path("analyte").asText())) {
                continue;
            }
            Double y = plotted(result);
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", result.path("observedAt").asText());
            point.put("y", y);
            point.put("value", result.path("value").asDouble());
            point.put("unit", result.path("unit").asText(""));
            point.put("band", result.path("band").asText(null));
            point.put("action", result.path("action").asText(null));
            point.put("ruleId", result.path("ruleId").asText(null));
            point.put("source", ruleSources.get(result.path("ruleId").asText("")));
            point.put("knowledgeVersion", result.path("knowledgeVersion").asText(null));
            point.put("context", result.path("context").asText(null));
            points.add(point);
        }
        points.sort((a, b) -> ((String) a.get("t")).compareTo((String) b.get("t")));
        return points;
    }

    /** ALT/AST as multiples of the result's own upper limit of normal; counts in /mm3. */
    private static Double plotted(JsonNode result) {
        String analyte = result.path("analyte").asText();
        if ("ALT".equals(analyte) || "AST".equals(analyte)) {
            double uln = result.path("referenceHigh").asDouble(0);
            return uln > 0 ? result.path("value").asDouble() / uln : null;
        }
        return result.path("convertedValue").isNumber() ? result.path("convertedValue").asDouble() : result.path("value").asDouble();
    }

    private static List<Map<String, Object>> bands(JsonNode ruleSet, String analyte) {
        List<Map<String, Object>> bands = new ArrayList<>();
        for (JsonNode rule : ruleSet.path("rules")) {
            if (!covers(rule, analyte)) {
                continue;
            }
            Map<String, Object> band = new LinkedHashMap<>();
            band.put("ruleId", rule.path("id").asText());
            band.put("label", rule.path("band").asText());
            band.put("action", rule.path("action").asText());
            band.put("from", lower(rule));
            band.put("to", upper(rule));
            band.put("verified", rule.path("verified").asBoolean());
            bands.add(band);
        }
        return bands;
    }

    private static List<Map<String, Object>> startThresholds(JsonNode ruleSet, String analyte) {
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (JsonNode rule : ruleSet.path("rules")) {
            if (covers(rule, analyte) && "DO_NOT_START".equals(rule.path("action").asText())) {
                Double value = rule.path("below").isNumber() ? Double.valueOf(rule.path("below").asDouble()) : lower(rule);
                if (value != null) {
                    thresholds.add(Map.of("ruleId", rule.path("id").asText(), "label", "Start: " + rule.path("band").asText(), "value", value));
                }
            }
        }
        return thresholds;
    }

    private static boolean covers(JsonNode rule, String analyte) {
        for (JsonNode a : rule.path("analytes")) {
            if (analyte.equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    private static Double lower(JsonNode rule) {
        return number(rule, "atLeast") != null ? number(rule, "atLeast") : number(rule, "above");
    }

    private static Double upper(JsonNode rule) {
        return number(rule, "atMost") != null ? number(rule, "atMost") : number(rule, "below");
    }

    private static Double number(JsonNode rule, String field) {
        return rule.path(field).isNumber() ? rule.path(field).asDouble() : null;
    }
}
