package org.ilsafety.common.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests of the FHIR reading layer: one row per input shape. */
class ReadingLayerTest {
    static final Fhir FHIR = new Fhir();
    static final PatientEventParser PARSER = new PatientEventParser(FHIR);
    static final ProductCatalog PRODUCTS = new ProductCatalog(Optional.empty());
    static final LabUnits UNITS = new LabUnits(Optional.empty());

    /** An in-memory stand-in for the earlier-sent store (the database one is tested in the services' flow tests). */
    static final class Kept implements EarlierResources {
        final Map<String, Resource> byId = new HashMap<>();
        final List<Condition> conditions = new ArrayList<>();

        Kept add(String json) {
            Resource resource = FHIR.parse(json);
            byId.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), resource);
            if (resource instanceof Condition condition) {
                conditions.add(condition);
            }
            return this;
        }

        @Override
        public Optional<Resource> find(String type, String id) {
            return Optional.ofNullable(byId.get(type + "/" + id));
        }

        @Override
        public List<Condition> conditions(String patientId) {
            return conditions;
        }
    }

    static ConsumerRecord<String, String> record(String key, String value) {
        return new ConsumerRecord<>("patient-events", 0, 7L, key, value);
    }

    static MedicationRequest request(String medication, String reason) {
        return (MedicationRequest) FHIR.parse("""
                {"resourceType":"MedicationRequest","id":"mr-1","status":"active","intent":"order",
                 "subject":{"reference":"Patient/p-1"},%s%s}
                """.formatted(medication, reason));
    }

    // ---- Patient references

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"reference\":\"Patient/123\"}                                               | 123",
            "{\"reference\":\"Patient/123/_history/4\"}                                    | 123",
            "{\"reference\":\"https://ehr.example.org/fhir/Patient/123\"}                  | 123",
            "{\"identifier\":{\"system\":\"urn:oid:1.2.3.4\",\"value\":\"MRN-77\"}}         | MRN-77",
            "{\"type\":\"Patient\",\"identifier\":{\"value\":\"MRN-77\"}}                   | MRN-77",
    })
    void everyPatientReferenceFormMapsToOneId(String reference, String expected) {
        String json = """
                {"resourceType":"Observation","id":"o-1","status":"final","code":{"text":"x"},"subject":%s}""".formatted(reference);
        assertEquals(expected, PARSER.parseAll(record(null, json)).get(0).patientId());
    }

    @Test
    void aBundleMapsUrnUuidAndIdentifierReferencesToThePatientsId() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:aaaa-1","resource":{"resourceType":"Patient","id":"p-42",
                   "identifier":[{"system":"urn:mrn","value":"MRN-1"}]}},
                 {"fullUrl":"urn:uuid:bbbb-2","resource":{"resourceType":"Observation","status":"final","code":{"text":"x"},
                   "subject":{"reference":"urn:uuid:aaaa-1"}}},
                 {"fullUrl":"urn:uuid:cccc-3","resource":{"resourceType":"Observation","id":"o-3","status":"final","code":{"text":"x"},
                   "subject":{"identifier":{"system":"urn:mrn","value":"MRN-1"}}}}]}""";
        List<InboundEvent<Resource>> events = PARSER.parseAll(record(null, bundle));
        assertEquals(List.of("p-42", "p-42", "p-42"), events.stream().map(InboundEvent::patientId).toList());
        assertEquals("Patient/p-42", ((Observation) events.get(1).body()).getSubject().getReference(), "one form downstream");
        assertTrue(events.get(1).idempotencyKey().startsWith("Observation/bbbb-2/_history/"), "an entry without id takes its urn:uuid");
    }

    @Test
    void anEntrysOwnIdWinsOverItsFullUrl() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:x-pat","resource":{"resourceType":"Patient","id":"p-7","birthDate":"1970-01-01"}},
                 {"fullUrl":"urn:uuid:x-med","resource":{"resourceType":"Medication","id":"m-7","code":{"text":"Actemra"}}},
                 {"fullUrl":"urn:uuid:x-mr","resource":{"resourceType":"MedicationRequest","id":"mr-7","status":"active","intent":"order",
                   "medicationReference":{"reference":"urn:uuid:x-med"},"subject":{"reference":"urn:uuid:x-pat"}}}]}""";
        List<InboundEvent<Resource>> events = PARSER.parseAll(record("p-7", bundle));
        assertEquals(List.of("p-7", "p-7"), List.of(events.get(0).patientId(), events.get(2).patientId()));
        assertTrue(events.get(2).idempotencyKey().startsWith("MedicationRequest/mr-7/"), events.get(2).idempotencyKey());
        assertEquals("ACTEMRA", reader(EarlierResources.NONE).read((MedicationRequest) events.get(2).body()).orElseThrow().productId());
    }

    // ---- Bundles

    @ParameterizedTest(name = "Bundle type {0}")
    @CsvSource({ "transaction", "batch", "collection", "message", "searchset", "history" })
    void everyBundleTypeIsUnpackedInEntryOrderPerPatient(String type) {
        String bundle = """
                {"resourceType":"Bundle","type":"%s","entry":[
                 {"resource":{"resourceType":"MessageHeader","id":"h","eventCoding":{"code":"x"},"source":{"endpoint":"e"}}},
                 {"resource":{"resourceType":"Observation","id":"o-1","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/a"}}},
                 {"resource":{"resourceType":"Observation","id":"o-2","status":"final","code":{"text":"x"},"subject":{"reference":"Patient/b"}}},
                 {"request":{"method":"DELETE","url":"Observation/o-9"}}]}""".formatted(type);
        List<InboundEvent<Resource>> events = PARSER.parseAll(record("a", bundle));
        assertEquals(4, events.size());
        assertEquals("RESOURCE_TYPE_NOT_USED", events.get(0).ignoredBecause());
        assertEquals("a", events.get(0).patientId(), "an unused entry naming no patient is listed under the record key");
        assertEquals("a", events.get(1).patientId());
        assertEquals("b", events.get(2).patientId(), "a Bundle holding several patients is handled per patient");
        assertEquals("ENTRY_WITHOUT_RESOURCE", events.get(3).ignoredBecause());
        assertEquals(4, events.stream().map(InboundEvent::idempotencyKey).distinct().count(), "each entry has its own key");
    }

    @Test
    void aBundleEntryWithoutPatientDeadLettersTheRecordSayingWhichEntry() {
        String bundle = """
                {"resourceType":"Bundle","type":"collection","entry":[
                 {"resource":{"resourceType":"Observation","id":"o-1","status":"final","code":{"text":"x"}}}]}""";
        EventRejected rejected = assertThrows(EventRejected.class, () -> PARSER.parseAll(record(null, bundle)));
        assertEquals("MISSING_PATIENT_REFERENCE", rejected.reasonCode());
        assertTrue(rejected.getMessage().startsWith("Bundle entry 0"));
    }

    @Test
    void aBundleMedicationAndConditionAreContainedInTheOrderThatReferencesThem() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:med-1","resource":{"resourceType":"Medication","code":{"coding":[
                   {"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"612865"}]}}},
                 {"fullUrl":"urn:uuid:cond-1","resource":{"resourceType":"Condition","subject":{"reference":"Patient/p-1"},
                   "code":{"coding":[{"system":"http://snomed.info/sct","code":"69896004"}]}}},
                 {"fullUrl":"urn:uuid:mr-1","resource":{"resourceType":"MedicationRequest","status":"active","intent":"order",
                   "subject":{"reference":"Patient/p-1"},"medicationReference":{"reference":"urn:uuid:med-1"},
                   "reasonReference":[{"reference":"urn:uuid:cond-1"}]}}]}""";
        List<InboundEvent<Resource>> events = PARSER.parseAll(record("p-1", bundle));
        assertEquals("p-1", events.get(0).patientId(), "a Medication names no patient: it is listed under the patient the record is keyed by");
        TherapyOrder order = reader(EarlierResources.NONE).read((MedicationRequest) events.get(2).body()).orElseThrow();
        assertEquals("ACTEMRA", order.productId());
        assertEquals("RA", order.indication());
        assertEquals("REFERENCE", order.indicationBasis());
    }

    // ---- Medicines

    static TherapyOrderReader reader(EarlierResources earlier) {
        return new TherapyOrderReader(PRODUCTS, Optional.empty(), earlier);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RxNorm ingredient           | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"612865\"}]} | ACTEMRA | code",
            "RxNorm SCD                  | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"849574\"}]} | ACTEMRA | code",
            "RxNorm SBD                  | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"727714\"}]} | KINERET | code",
            "RxNorm pack                 | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"727715\"}]} | KINERET | code",
            "NDC 11 digits               | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/ndc\",\"code\":\"50242013601\"}]}          | ACTEMRA | code",
            "NDC 5-3-2                   | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/ndc\",\"code\":\"50242-136-01\"}]}         | ACTEMRA | code",
            "display by name             | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"urn:local\",\"code\":\"X1\",\"display\":\"Tyenne 162 mg\"}]}     | TYENNE  | name",
            "text by name                | \"medicationCodeableConcept\":{\"text\":\"Kineret 100 mg syringe\"}                                                           | KINERET | name",
            "contained Medication        | \"contained\":[{\"resourceType\":\"Medication\",\"id\":\"m\",\"code\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"612865\"}]}}],\"medicationReference\":{\"reference\":\"#m\"} | ACTEMRA | code",
            "Medication sent earlier     | \"medicationReference\":{\"reference\":\"Medication/kept-1\"}                                                               | ACTEMRA | code",
            "reference display only      | \"medicationReference\":{\"reference\":\"Medication/unknown\",\"display\":\"Actemra IV\"}                               | ACTEMRA | name",
    })
    void everyMedicineShapeIsRecognised(String shape, String medication, String product, String matchedBy) {
        Kept kept = new Kept().add("""
                {"resourceType":"Medication","id":"kept-1","code":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"612865"}]}}""");
        TherapyOrder order = reader(kept).read(request(medication, "")).orElseThrow();
        assertEquals(product, order.productId(), shape);
        assertEquals(matchedBy, order.matchedBy(), shape);
    }

    /** The route: dosageInstruction.route first; else the matched product code's dose form (Synthea writes no route); else none. */
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "SCD prefilled syringe, no route      | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"1441526\"}]} | SC",
            "SBD prefilled syringe, no route      | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"1441530\"}]} | SC",
            "SCD 20 mg/mL concentrate, no route   | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"849574\"}]}  | IV",
            "Kineret SBD, no route                | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"727714\"}]}  | SC",
            "NDC ACTPen, no route                 | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/ndc\",\"code\":\"50242014301\"}]}          | SC",
            "NDC vial, no route                   | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/ndc\",\"code\":\"50242-136-01\"}]}         | IV",
            "contained Medication, prefilled SCD  | \"contained\":[{\"resourceType\":\"Medication\",\"id\":\"m\",\"code\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"1441526\"}]}}],\"medicationReference\":{\"reference\":\"#m\"} | SC",
            "the order's route wins over the code | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"849574\"}]},\"dosageInstruction\":[{\"route\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"34206005\"}]}}] | SC",
            "route text, no code route            | \"medicationCodeableConcept\":{\"text\":\"Actemra\"},\"dosageInstruction\":[{\"route\":{\"text\":\"Intravenous\"}}] | IV",
            "RxNorm ingredient, no route          | \"medicationCodeableConcept\":{\"coding\":[{\"system\":\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"612865\"}]}  | ''",
            "by name, no route                    | \"medicationCodeableConcept\":{\"text\":\"Actemra\"}                                                                   | ''",
    })
    void theRouteIsTheOrdersElseItsProductCodesDoseForm(String shape, String medication, String route) {
        TherapyOrder order = reader(EarlierResources.NONE).read(request(medication, "")).orElseThrow();
        assertEquals(route.isEmpty() ? null : route, order.route(), shape);
    }

    @Test
    void aMedicineThatMatchesNothingIsNoOrder() {
        assertTrue(reader(EarlierResources.NONE).read(request("\"medicationCodeableConcept\":{\"text\":\"paracetamol\"}", "")).isEmpty());
        assertTrue(reader(EarlierResources.NONE).read(request("\"medicationReference\":{\"reference\":\"Medication/none\"}", "")).isEmpty());
    }

    // ---- Indications

    static final String TOCILIZUMAB = "\"medicationCodeableConcept\":{\"text\":\"Actemra\"}";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "suite code system  | ,\"reasonCode\":[{\"coding\":[{\"system\":\"https://ilsafety.org/fhir/CodeSystem/indication\",\"code\":\"GCA\"}]}] | GCA      | CODED",
            "ICD-10-CM          | ,\"reasonCode\":[{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/icd-10-cm\",\"code\":\"M05.79\"}]}]          | RA       | CODED",
            "SNOMED CT          | ,\"reasonCode\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"69896004\"}]}]                  | RA       | CODED",
            "SNOMED descendant  | ,\"reasonCode\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"239791005\"}]}]                 | RA       | CODED",
            "reasonReference    | ,\"reasonReference\":[{\"reference\":\"Condition/c-covid\"}]                                                   | COVID_19 | REFERENCE",
            "active Conditions  | ''                                                                                                             | RA       | INFERRED",
    })
    void everyIndicationShapeIsRead(String shape, String reason, String indication, String basis) {
        Kept kept = new Kept()
                .add("{\"resourceType\":\"Condition\",\"id\":\"c-ra\",\"subject\":{\"reference\":\"Patient/p-1\"},"
                        + "\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"69896004\"}]}}");
        kept.byId.put("Condition/c-covid", FHIR.parse("{\"resourceType\":\"Condition\",\"id\":\"c-covid\",\"subject\":{\"reference\":\"Patient/p-1\"},"
                + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"840539006\"}]}}"));
        TherapyOrder order = reader(kept).read(request(TOCILIZUMAB, reason)).orElseThrow();
        assertEquals(indication, order.indication(), shape);
        assertEquals(basis, order.indicationBasis(), shape);
        assertFalse(order.requiresIndividualReview());
    }

    @Test
    void twoActiveIndicationsOrAResolvedOneLeaveItUnknownAndFlagged() {
        Kept kept = new Kept()
                .add("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p-1\"},"
                        + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"69896004\"}]}}")
                .add("{\"resourceType\":\"Condition\",\"id\":\"c2\",\"subject\":{\"reference\":\"Patient/p-1\"},"
                        + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"400130008\"}]}}");
        TherapyOrder ambiguous = reader(kept).read(request(TOCILIZUMAB, "")).orElseThrow();
        assertNull(ambiguous.indication());
        assertEquals("UNKNOWN", ambiguous.indicationBasis());
        assertTrue(ambiguous.requiresIndividualReview());
        Kept resolved = new Kept().add("{\"resourceType\":\"Condition\",\"id\":\"c1\",\"subject\":{\"reference\":\"Patient/p-1\"},"
                + "\"clinicalStatus\":{\"coding\":[{\"code\":\"resolved\"}]},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"69896004\"}]}}");
        assertEquals("UNKNOWN", reader(resolved).read(request(TOCILIZUMAB, "")).orElseThrow().indicationBasis());
    }

    // ---- Observations

    static Observation observation(String status, String effective, String value) {
        return (Observation) FHIR.parse("""
                {"resourceType":"Observation","id":"o","status":"%s",%s"code":{"text":"x"},"subject":{"reference":"Patient/p"},
                 "issued":"2026-03-01T10:00:00Z","valueQuantity":%s}""".formatted(status, effective, value));
    }

    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({ "final,COUNTS", "amended,COUNTS", "corrected,COUNTS", "preliminary,PRELIMINARY", "registered,PRELIMINARY",
            "entered-in-error,VOID", "cancelled,VOID", "unknown,VOID" })
    void oneStatusRule(String status, ObservationFacts.Status expected) {
        assertEquals(expected, ObservationFacts.status(observation(status, "", "{\"value\":1}")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "effectiveDateTime      | \"effectiveDateTime\":\"2026-02-01T08:00:00Z\",                                   | 2026-02-01T08:00:00Z",
            "effectiveInstant       | \"effectiveInstant\":\"2026-02-02T08:00:00Z\",                                    | 2026-02-02T08:00:00Z",
            "effectivePeriod start  | \"effectivePeriod\":{\"start\":\"2026-02-03T08:00:00Z\",\"end\":\"2026-02-04T08:00:00Z\"}, | 2026-02-03T08:00:00Z",
            "effectivePeriod end    | \"effectivePeriod\":{\"end\":\"2026-02-04T08:00:00Z\"},                            | 2026-02-04T08:00:00Z",
            "issued                 | ''                                                                               | 2026-03-01T10:00:00Z",
    })
    void oneTimeRule(String shape, String effective, String expected) {
        assertEquals(expected, ObservationFacts.effective(observation("final", effective, "{\"value\":1}")).orElseThrow().toString(), shape);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "exact             | {\"value\":800,\"code\":\"/uL\"}                           | 800.0    | ''  | /uL",
            "comparator <      | {\"value\":0.1,\"comparator\":\"<\",\"code\":\"10*9/L\"}   | 0.1      | <   | 10*9/L",
            "comparator >=     | {\"value\":1000,\"comparator\":\">=\",\"unit\":\"U/L\"}    | 1000.0   | >=  | U/L",
            "not finite        | {\"value\":1e400,\"code\":\"U/L\"}                         | Infinity | ''  | U/L",
    })
    void oneQuantityRule(String shape, String quantity, double value, String comparator, String unit) {
        ObservationFacts.Measured measured = ObservationFacts.measured(observation("final", "", quantity).getValueQuantity()).orElseThrow();
        assertEquals(value, measured.value(), shape);
        assertEquals(comparator.isEmpty() ? null : comparator, measured.comparator(), shape);
        assertEquals(unit, measured.unit(), shape);
        assertEquals(Double.isFinite(value), measured.finite());
    }

    // ---- Units

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "10*9/L    | /mm3 | 1000",
            "/nL       | /mm3 | 1000",
            "10*3/mm3  | /mm3 | 1000",
            "10*3/uL   | /mm3 | 1000",
            "{cells}/uL| /mm3 | 1",
            "10^9/L    | /mm3 | 1000",
            "x10E3/uL  | /mm3 | 1000",
            "K/uL      | /mm3 | 1000",
            "cells/uL  | /mm3 | 1",
            "[lb_av]   | kg   | 0.45359237",
            "lbs       | kg   | 0.45359237",
            "mmol/l    | mmol/L | 1",
    })
    void unitsConvertByUcumOrKnownSpelling(String from, String to, double factor) {
        assertEquals(factor, UNITS.factor(from, to).orElseThrow(), factor * 1e-9);
    }

    @ParameterizedTest(name = "{0} -> {1} does not convert")
    @CsvSource({ "furlong,/mm3", "U/L,/mm3", "mg/dL,/mm3", "'',kg" })
    void unknownOrIncompatibleUnitsGiveNothing(String from, String to) {
        assertTrue(UNITS.factor(from, to).isEmpty());
    }
}
