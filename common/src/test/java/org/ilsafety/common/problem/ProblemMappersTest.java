package org.ilsafety.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

class ProblemMappersTest {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    enum Route { IV, SC }

    record Weight(double value, String unit) {
    }

    record Request(Route route, Weight weight) {
    }

    static Problem.FieldError describe(String json) {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, Request.class));
        return ProblemMappers.describe(e);
    }

    @Test
    void anUnknownEnumValueNamesTheFieldAndTheAllowedValues() {
        Problem.FieldError error = describe("{\"route\":\"IM\"}");
        assertEquals("route", error.field());
        assertEquals("must be one of [IV, SC]", error.reason());
    }

    @Test
    void aWrongTypeNamesTheNestedFieldWithoutQuotingTheValue() {
        Problem.FieldError error = describe("{\"weight\":{\"value\":\"Zebediah\",\"unit\":\"kg\"}}");
        assertEquals("weight.value", error.field());
        assertFalse(error.reason().contains("Zebediah"));
    }

    @Test
    void anUnknownFieldIsRefusedNotIgnored() {
        Problem.FieldError error = describe("{\"rout\":\"IV\"}");
        assertEquals("rout", error.field());
        assertEquals("is not a known field", error.reason());
    }

    @Test
    void brokenJsonIsSaidToBeBrokenJson() {
        Problem.FieldError error = describe("{\"route\":");
        assertEquals("", error.field());
        assertEquals("the request body is not valid JSON", error.reason());
    }
}
