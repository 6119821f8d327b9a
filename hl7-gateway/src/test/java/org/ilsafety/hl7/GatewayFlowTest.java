package org.ilsafety.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.hl7.mllp.MllpServer;
import org.ilsafety.testsupport.FhirFixtures;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The example messages sent over a real MLLP connection, through the real broker: each is acknowledged AA and
 * its FHIR is on patient-events keyed by the MRN, in the shape the services read (the elements they act on
 * equal those of the FHIR fixtures the services' own tests send).
 */
@QuarkusTest
class GatewayFlowTest {
    static final FhirContext FHIR = FhirContext.forR4();
    /** What PatientEventParser accepts today (common/fhir): a resource of another type is dead-lettered by the services. */
    static final Set<String> SERVICE_TYPES = Set.of("Patient", "Observation", "MedicationRequest", "MedicationStatement",
            "MedicationAdministration", "Immunization", "Condition");

    static TestKafka kafka;

    @Inject
    MllpServer server;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void kafka() {
        kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers());
    }

    @AfterAll
    static void close() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void labResultsBecomeObservationsLikeTheFhirPath() throws Exception {
        String mrn = V2Fixtures.uniqueMrn();
        String controlId = V2Fixtures.uniqueControlId();
        MllpClient.Ack ack = send(V2Fixtures.message("oru-r01-cbc.hl7", mrn, controlId));
        assertEquals("AA", ack.code(), ack.text());
        assertEquals(controlId, ack.controlId());

        List<Observation> observations = events(mrn, 3).stream().map(Observation.class::cast).toList();
        Observation anc = byLoinc(observations, "751-8");
        Observation fixture = (Observation) parse(FhirFixtures.labObservation(mrn, anc.getIdPart(), 1, "751-8", 800, "/uL", null,
                "2026-11-15T13:00:00Z"));
        assertEquals(fixture.getStatus(), anc.getStatus());
        assertTrue(fixture.getCategoryFirstRep().getCodingFirstRep().equalsDeep(anc.getCategoryFirstRep().getCodingFirstRep()));
        assertEquals(fixture.getCode().getCodingFirstRep().getSystem(), anc.getCode().getCodingFirstRep().getSystem());
        assertEquals(fixture.getCode().getCodingFirstRep().getCode(), anc.getCode().getCodingFirstRep().getCode());
        assertEquals(fixture.getSubject().getReference(), anc.getSubject().getReference());
        assertQuantity(fixture.getValueQuantity(), anc.getValueQuantity());
        assertEquals(fixture.getEffectiveDateTimeType().getValue(), anc.getEffectiveDateTimeType().getValue(),
                "OBX-14 with its -0500 offset is the same instant");
        assertEquals("20261115133500." + anc.getMeta().getVersionId().substring(15), anc.getMeta().getVersionId(),
                "a result of a numbered order (OBR-3) is versioned by its message (MSH-7 in UTC), so a correction is its next version");
        assertEquals(List.of("LL", "A"), anc.getInterpretation().stream().map(c -> c.getCodingFirstRep().getCode()).toList(),
                "OBX-8 repetitions");
        assertEquals(0, new BigDecimal("1800").compareTo(anc.getReferenceRangeFirstRep().getLow().getValue()));
        assertEquals(0, new BigDecimal("7700").compareTo(anc.getReferenceRangeFirstRep().getHigh().getValue()));

        Observation platelets = byLoinc(observations, "777-3");
        assertEquals(Observation.ObservationStatus.PRELIMINARY, platelets.getStatus(), "OBX-11 P");
        assertEquals(Quantity.QuantityComparator.LESS_THAN, platelets.getValueQuantity().getComparator(), "SN <^50");
        assertEquals("10*3/uL", platelets.getValueQuantity().getCode());

        Observation alt = byLoinc(observations, "1742-6");
        assertEquals(Observation.ObservationStatus.CORRECTED, alt.getStatus(), "OBX-11 C");
        assertEquals(Quantity.QuantityComparator.GREATER_THAN, alt.getValueQuantity().getComparator(), "NM >1000");
        assertEquals(0, new BigDecimal("40").compareTo(alt.getReferenceRangeFirstRep().getHigh().getValue()), "OBX-7 <40");
        assertFalse(alt.getReferenceRangeFirstRep().hasLow());
        assertAudited(controlId, "ACCEPTED", 3);
    }

    @Test
    void aCorrectedResultIsTheNextVersionOfTheSameObservation() throws Exception {
        String mrn = V2Fixtures.uniqueMrn();
        String filler = "FL-" + V2Fixtures.uniqueControlId();
        String original = V2Fixtures.message("oru-r01-cbc.hl7", mrn, V2Fixtures.uniqueControlId()).replace("FL-777^LAB", filler + "^LAB");
        assertEquals("AA", send(original).code());
        String correction = V2Fixtures.message("oru-r01-cbc.hl7", mrn, V2Fixtures.uniqueControlId()).replace("FL-777^LAB", filler + "^LAB")
                .replace("20261115083500-0500", "20261115103500-0500")
                .replace("||800|/uL^per microliter^UCUM|1800-7700|LL~A|||F|", "||2500|/uL^per microliter^UCUM|1800-7700|N|||C|");
        assertEquals("AA", send(correction).code());

        List<Observation> both = events(mrn, 6).stream().map(Observation.class::cast).toList();
        Observation first = byLoinc(both.subList(0, 3), "751-8");
        Observation corrected = byLoinc(both.subList(3, 6), "751-8");
        assertEquals(first.getIdPart(), corrected.getIdPart(), "OBR-3 + OBX-3 + OBX-4 name the same result");
        assertNotEquals(first.getMeta().getVersionId(), corrected.getMeta().getVersionId(), "a new version, not a duplicate");
        assertEquals(Observation.ObservationStatus.FINAL, first.getStatus());
        assertEquals(Observation.ObservationStatus.CORRECTED, corrected.getStatus());
        assertEquals(0, new BigDecimal("2500").compareTo(corrected.getValueQuantity().getValue()));
        assertNotEquals(first.getIdPart(), byLoinc(both.subList(0, 3), "777-3").getIdPart(), "each OBX of the order is its own result");

        String otherOrder = V2Fixtures.message("oru-r01-cbc.hl7", mrn, V2Fixtures.uniqueControlId()).replace("FL-777^LAB", filler + "-2^LAB");
        assertEquals("AA", send(otherOrder).code());
        assertNotEquals(first.getIdPart(), byLoinc(events(mrn, 9).subList(6, 9).stream().map(Observation.class::cast).toList(), "751-8").getIdPart(),
                "another order's ANC is another Observation");
    }

    @Test
    void pharmacyOrdersBecomeMedicationRequestsLikeTheFhirPath() throws Exception {
        String mrn = V2Fixtures.uniqueMrn();
        assertEquals("AA", send(V2Fixtures.message("rde-o11-actemra.hl7", mrn, V2Fixtures.uniqueControlId())).code());
        MedicationRequest request = (MedicationRequest) events(mrn, 1).get(0);
        MedicationRequest fixture = (MedicationRequest) parse(FhirFixtures.medicationRequest(mrn, request.getIdPart(), 1, "Actemra",
                "IV", "RA", "active", "2026-10-01"));
        assertEquals(fixture.getStatus(), request.getStatus());
        assertEquals(fixture.getIntent(), request.getIntent());
        assertEquals(fixture.getSubject().getReference(), request.getSubject().getReference());
        assertTrue(fixture.getDosageInstructionFirstRep().getRoute().getCodingFirstRep()
                .equalsDeep(request.getDosageInstructionFirstRep().getRoute().getCodingFirstRep()), "RXR IV is SNOMED 47625008");
        assertEquals("http://www.nlm.nih.gov/research/umls/rxnorm", request.getMedicationCodeableConcept().getCodingFirstRep().getSystem());
        assertEquals("612865", request.getMedicationCodeableConcept().getCodingFirstRep().getCode());
        assertTrue(request.getMedicationCodeableConcept().getText().contains("Actemra"));
        assertEquals(List.of("M06.9", "M06.9"), request.getReasonCode().stream().map(c -> c.getCodingFirstRep().getCode()).toList(),
                "RXE-27 and DG1-3");
        assertEquals("http://hl7.org/fhir/sid/icd-10-cm", request.getReasonCodeFirstRep().getCodingFirstRep().getSystem());
        Quantity dose = request.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity();
        assertEquals(0, new BigDecimal("8").compareTo(dose.getValue()));
        assertEquals("mg/kg", dose.getCode());

        String omp = V2Fixtures.uniqueMrn();
        assertEquals("AA", send(V2Fixtures.message("omp-o09-etanercept.hl7", omp, V2Fixtures.uniqueControlId())).code());
        MedicationRequest order = (MedicationRequest) events(omp, 1).get(0);
        assertEquals("809160", order.getMedicationCodeableConcept().getCodingFirstRep().getCode());
        assertEquals("34206005", order.getDosageInstructionFirstRep().getRoute().getCodingFirstRep().getCode());
        assertEquals(List.of("http://hl7.org/fhir/sid/icd-10-cm", "http://snomed.info/sct"),
                order.getReasonCode().stream().map(c -> c.getCodingFirstRep().getSystem()).toList(), "RXO-20 repetitions");
    }

    @Test
    void administrationsAndVaccinesBecomeTheirResources() throws Exception {
        String mrn = V2Fixtures.uniqueMrn();
        assertEquals("AA", send(V2Fixtures.message("ras-o17-infusion.hl7", mrn, V2Fixtures.uniqueControlId())).code());
        MedicationAdministration given = (MedicationAdministration) events(mrn, 1).get(0);
        MedicationAdministration fixture = (MedicationAdministration) parse(FhirFixtures.medicationAdministration(mrn, given.getIdPart(),
                "Actemra", 576, "2026-10-01T15:00:00Z"));
        assertEquals(fixture.getStatus(), given.getStatus());
        assertQuantity(fixture.getDosage().getDose(), given.getDosage().getDose());
        assertEquals(fixture.getEffectiveDateTimeType().getValue(), given.getEffectivePeriod().getStart(), "RXA-3 to RXA-4 as a period");
        assertEquals("47625008", given.getDosage().getRoute().getCodingFirstRep().getCode());

        String vaccinated = V2Fixtures.uniqueMrn();
        assertEquals("AA", send(V2Fixtures.message("vxu-v04-mmr.hl7", vaccinated, V2Fixtures.uniqueControlId())).code());
        List<Immunization> immunizations = events(vaccinated, 2).stream().map(Immunization.class::cast).toList();
        Immunization mmr = immunizations.stream().filter(i -> "03".equals(i.getVaccineCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
        assertEquals("http://hl7.org/fhir/sid/cvx", mmr.getVaccineCode().getCodingFirstRep().getSystem());
        assertEquals(Immunization.ImmunizationStatus.COMPLETED, mmr.getStatus());
        assertEquals("Patient/" + vaccinated, mmr.getPatient().getReference());
        assertEquals("2026-10-20", mmr.getOccurrenceDateTimeType().getValueAsString());
        Immunization refused = immunizations.stream().filter(i -> "141".equals(i.getVaccineCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
        assertEquals(Immunization.ImmunizationStatus.NOTDONE, refused.getStatus(), "RXA-20 RE");
        assertFalse(refused.hasDoseQuantity(), "999 is an unknown amount");
    }

    @Test
    void patientUpdatesGiveWeightAllergiesAndMerges() throws Exception {
        String mrn = V2Fixtures.uniqueMrn();
        assertEquals("AA", send(V2Fixtures.message("adt-a08-weight-allergy.hl7", mrn, V2Fixtures.uniqueControlId())).code());
        List<Resource> resources = events(mrn, 4);
        Patient patient = (Patient) resources.get(0);
        assertEquals(mrn, patient.getIdPart());
        assertEquals("1975-01-20", patient.getBirthDateElement().getValueAsString());
        assertFalse(patient.hasName(), "no name: the suite needs none");
        Observation weight = byLoinc(resources.stream().filter(Observation.class::isInstance).map(Observation.class::cast).toList(), "29463-7");
        Observation fixture = (Observation) parse(FhirFixtures.labObservation(mrn, weight.getIdPart(), 1, "29463-7", 72, "kg", null, "2026-10-01"));
        assertQuantity(fixture.getValueQuantity(), weight.getValueQuantity());
        assertEquals("vital-signs", weight.getCategoryFirstRep().getCodingFirstRep().getCode());
        AllergyIntolerance allergy = resources.stream().filter(AllergyIntolerance.class::isInstance).map(AllergyIntolerance.class::cast)
                .findFirst().orElseThrow();
        assertEquals("7980", allergy.getCode().getCodingFirstRep().getCode());
        assertEquals(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH, allergy.getCriticality());
        assertEquals(2, allergy.getReaction().size(), "AL1-5 repetitions");

        assertEquals("AA", send(V2Fixtures.message("adt-a31-weight.hl7", mrn, V2Fixtures.uniqueControlId())).code());
        assertEquals(6, events(mrn, 6).size(), "A31: a second Patient version and the new weight");

        String prior = V2Fixtures.uniqueMrn();
        String merge = V2Fixtures.message("adt-a40-merge.hl7", mrn, V2Fixtures.uniqueControlId())
                .replace(V2Fixtures.FIXTURE_PRIOR_MRN + "^", prior + "^");
        assertEquals("AA", send(merge).code());
        Patient survivor = (Patient) events(mrn, 7).get(6);
        assertEquals(Patient.LinkType.REPLACES, survivor.getLinkFirstRep().getType());
        assertEquals("Patient/" + prior, survivor.getLinkFirstRep().getOther().getReference());
        Patient replaced = (Patient) events(prior, 1).get(0);
        assertFalse(replaced.getActive());
        assertEquals(Patient.LinkType.REPLACEDBY, replaced.getLinkFirstRep().getType());
        assertEquals("Patient/" + mrn, replaced.getLinkFirstRep().getOther().getReference());
    }

    @Test
    void aResentMessageIsAcknowledgedAgainWithoutASecondEvent() throws Exception {
        String mrn = V2Fixtures.uniqueMrn();
        String controlId = V2Fixtures.uniqueControlId();
        String message = V2Fixtures.message("adt-a31-weight.hl7", mrn, controlId);
        try (MllpClient client = MllpClient.connect(server.port())) {
            assertEquals("AA", client.send(message).code());
        }
        try (MllpClient client = MllpClient.connect(server.port())) {
            MllpClient.Ack again = client.send(message);
            assertEquals("AA", again.code());
            assertEquals(controlId, again.controlId());
        }
        List<ConsumerRecord<String, String>> records = kafka.drain("patient-events", r -> mrn.equals(r.key()), Duration.ofSeconds(3));
        assertEquals(2, records.size(), "one Patient and one weight, once");
        assertAudited(controlId, "ACCEPTED", 2);
        assertAudited(controlId, "DUPLICATE", 0);
    }

    @Test
    void everyVersionFromTwoThreeToTwoFiveOneIsRead() throws Exception {
        for (String version : List.of("2.3", "2.3.1", "2.4", "2.5")) {
            String mrn = V2Fixtures.uniqueMrn();
            String message = V2Fixtures.message("oru-r01-cbc.hl7", mrn, V2Fixtures.uniqueControlId()).replace("|P|2.5.1|", "|P|" + version + "|");
            MllpClient.Ack ack = send(message);
            assertEquals("AA", ack.code(), version + ": " + ack.text());
            assertEquals(version, ack.version(), "the ACK speaks the sender's version");
            Observation anc = byLoinc(events(mrn, 3).stream().map(Observation.class::cast).toList(), "751-8");
            assertEquals(0, new BigDecimal("800").compareTo(anc.getValueQuantity().getValue()), version);
        }
    }

    MllpClient.Ack send(String message) throws Exception {
        try (MllpClient client = MllpClient.connect(server.port())) {
            return client.send(message);
        }
    }

    /** The patient's records on patient-events, checked as the services' parser checks them, in order. */
    static List<Resource> events(String mrn, int count) {
        List<ConsumerRecord<String, String>> records = kafka.await("patient-events", r -> mrn.equals(r.key()), count, Duration.ofSeconds(30));
        assertEquals(count, records.size(), "records for the patient");
        return records.stream().map(record -> {
            Resource resource = parse(record.value());
            assertTrue(SERVICE_TYPES.contains(resource.fhirType()) || resource instanceof AllergyIntolerance, resource.fhirType());
            assertTrue(resource.hasIdElement() && resource.getMeta().hasVersionId(), "id and meta.versionId: the services' idempotency key");
            String subject = resource instanceof Patient ? "Patient/" + resource.getIdElement().getIdPart()
                    : FHIR.newTerser().getSinglePrimitiveValueOrNull(resource, resource instanceof Immunization || resource instanceof AllergyIntolerance
                            ? "patient.reference" : "subject.reference");
            assertEquals("Patient/" + mrn, subject, "the record key is the patient of the resource");
            assertEquals("hl7-gateway", TestKafka.header(record, "source"));
            return resource;
        }).toList();
    }

    static Resource parse(String json) {
        return (Resource) FHIR.newJsonParser().parseResource(json);
    }

    static Observation byLoinc(List<Observation> observations, String loinc) {
        return observations.stream().filter(o -> loinc.equals(o.getCode().getCodingFirstRep().getCode())).findFirst().orElseThrow();
    }

    static void assertQuantity(Quantity expected, Quantity actual) {
        assertEquals(0, expected.getValue().compareTo(actual.getValue()), "value");
        assertEquals(expected.getSystem(), actual.getSystem());
        assertEquals(expected.getCode(), actual.getCode());
        assertNull(actual.getComparatorElement().getValue(), "no comparator on an exact value");
    }

    void assertAudited(String controlId, String outcome, int events) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT event_count, sender_application FROM message_audit WHERE control_id = ? AND outcome = ?")) {
            query.setString(1, controlId);
            query.setString(2, outcome);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "audit row " + outcome + " for " + controlId);
                assertEquals(events, rows.getInt(1));
                assertFalse(rows.getString(2).isBlank());
            }
        }
    }
}
