package org.ilsafety.dosing.calculation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The wire of a dose calculation: nested in Java (treatment, dose, schedule, preparation, provenance), one flat JSON object
 * with the fields the API has always answered, every one present (null where it does not apply); the JSON a plan stores
 * reads back to the same value.
 */
class DoseCalculationJsonTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> FIELDS = List.of("productId", "moleculeId", "indication", "route", "step", "doseMg", "mgPerKg", "weightKg",
            "capped", "maxDoseMg", "interval", "doseNumber", "maxAdditionalDoses", "remainingDoses", "minHoursBetweenDoses", "courseDoses",
            "repeat", "volumeToDrawMl", "diluentBagMl", "infusionMinutes", "vials", "vialWasteMg", "form", "syringeVolumeMl", "syringes",
            "volumeToInjectMl", "measurable", "offLabel", "authorization", "warnings", "ruleId", "source", "verified", "knowledgeVersion");

    @Test
    void anIvDoseIsOneFlatObjectWithEveryFieldAndReadsBack() throws Exception {
        DoseCalculation iv = DoseCalculatorTest.CALCULATOR.calculate(DoseCalculatorTest.query("ACTEMRA", "RA", "IV", 70, 50, "ESCALATED", null,
                null, null));
        JsonNode node = JSON.readTree(JSON.writeValueAsString(iv));
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        assertEquals(FIELDS.stream().sorted().toList(), names.stream().sorted().toList());
        assertEquals(560.0, node.get("doseMg").asDouble());
        assertEquals("tocilizumab.ra.iv.escalated", node.get("ruleId").asText());
        assertEquals(28.0, node.get("volumeToDrawMl").asDouble());
        assertEquals(true, node.get("syringes").isNull());
        assertEquals(iv, JSON.readValue(JSON.writeValueAsString(iv), DoseCalculation.class));
    }

    @Test
    void anScDoseKeepsTheIvFieldsAsNulls() throws Exception {
        DoseCalculation sc = DoseCalculatorTest.CALCULATOR.calculate(DoseCalculatorTest.query("KINERET", "RA", "SC", 70, 50, null, null,
                null, null));
        JsonNode node = JSON.readTree(JSON.writeValueAsString(sc));
        assertEquals(FIELDS.size(), node.size());
        assertEquals(true, node.get("volumeToDrawMl").isNull());
        assertEquals(1, node.get("syringes").asInt());
        assertEquals(sc, JSON.readValue(JSON.writeValueAsString(sc), DoseCalculation.class));
    }
}
