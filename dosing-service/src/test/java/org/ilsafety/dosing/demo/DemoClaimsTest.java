package org.ilsafety.dosing.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.dosing.calculation.DoseCalculation;
import org.ilsafety.dosing.calculation.DoseCalculator;
import org.ilsafety.dosing.calculation.DoseQuery;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 19 item 23: what the demo README says a demo patient's plan doses is what its data gives. The weight,
 * indication, route and creatinine clearance (a renal code of plan-rules.yaml) come from the demo Bundle, as a plan
 * reads them (issue 19 item 4); no mg/kg (the orders name none).
 */
class DemoClaimsTest {
    static final DosingKnowledge KNOWLEDGE = new DosingKnowledge(Optional.empty());
    static final DoseCalculator CALCULATOR = new DoseCalculator(KNOWLEDGE, new ProductCatalog(Optional.empty()));
    static final Path DEMO = Path.of("../seeds/demo");

    @ParameterizedTest(name = "{0}: {1} mg {2}")
    @CsvSource({
            "04-kineret-caps.json, 30,  P2D, KINERET",
            "05-ra-low-anc.json,   420, P4W, ACTEMRA",
            "01-ra-iv.json,        288, P4W, ACTEMRA",
    })
    void theReadmeStatesTheDoseTheDemoDataGives(String file, String doseMg, String interval, String product) throws Exception {
        JsonNode bundle = new ObjectMapper().readTree(DEMO.resolve(file).toFile());
        Double weight = null;
        String indication = null;
        String route = null;
        Double clearance = null;
        for (JsonNode entry : bundle.get("entry")) {
            JsonNode r = entry.get("resource");
            if ("Observation".equals(r.path("resourceType").asText()) && "29463-7".equals(r.at("/code/coding/0/code").asText())) {
                weight = r.at("/valueQuantity/value").asDouble();
            }
            if ("Observation".equals(r.path("resourceType").asText()) && KNOWLEDGE.planRules().renalFunction()
                    .code(r.at("/code/coding/0/system").asText(), r.at("/code/coding/0/code").asText()).isPresent()) {
                clearance = r.at("/valueQuantity/value").asDouble();
            }
            if ("MedicationRequest".equals(r.path("resourceType").asText())) {
                indication = r.at("/reasonCode/0/coding/0/code").asText();
                route = "47625008".equals(r.at("/dosageInstruction/0/route/coding/0/code").asText()) ? "IV" : "SC";
            }
        }
        DoseCalculation dose = CALCULATOR.calculate(new DoseQuery(product, null, indication, route, weight, null, null, null, clearance, null, false,
                null), false);
        assertEquals(Double.parseDouble(doseMg), dose.dose().doseMg(), 1e-9);
        assertEquals(interval, dose.schedule().interval());
        String row = Files.readAllLines(DEMO.resolve("README.md")).stream().filter(l -> l.contains("`" + file + "`")).findFirst().orElseThrow();
        assertTrue(row.contains(doseMg + " mg"), row);
        if ("P1D".equals(interval)) {
            assertTrue(row.contains("stays daily"), row);
        }
        if ("P2D".equals(interval)) {
            assertTrue(row.contains("every other day") && !row.contains(" daily"), row);
        }
    }
}
