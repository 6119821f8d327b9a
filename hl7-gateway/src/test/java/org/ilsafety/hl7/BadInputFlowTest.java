package org.ilsafety.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.ilsafety.hl7.mllp.MllpFrameReader;
import org.ilsafety.hl7.mllp.MllpServer;
import org.ilsafety.testsupport.SuiteTestInfrastructure;
import org.ilsafety.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bad input on one MLLP connection, as an engine would send it: each message gets the right NAK (AE or AR, the
 * HL7 error code, ERR naming segment and field, a reason in MSA-3), nothing reaches patient-events, every one is
 * audited, and the connection still takes the next message.
 */
@QuarkusTest
class BadInputFlowTest {
    @Inject
    MllpServer server;

    @Inject
    AgroalDataSource dataSource;

    final List<String> badMrns = new ArrayList<>();

    @Test
    void eachBadMessageGetsItsNakAndTheConnectionStaysUsable() throws Exception {
        try (MllpClient client = MllpClient.connect(server.port())) {
            // a frame cut by the next start block: AR for the cut one, AA for the next
            String cut = oru("truncated");
            String whole = good("after-truncation");
            byte[] partial = cut.substring(0, cut.indexOf("OBX|2")).getBytes(StandardCharsets.UTF_8);
            byte[] next = MllpClient.frame(whole);
            byte[] both = new byte[partial.length + 1 + next.length];
            both[0] = MllpFrameReader.START_BLOCK;
            System.arraycopy(partial, 0, both, 1, partial.length);
            System.arraycopy(next, 0, both, partial.length + 1, next.length);
            client.sendRaw(both);
            MllpClient.Ack truncated = client.readAck();
            assertEquals("AR", truncated.code());
            assertTrue(truncated.reason().contains("truncated"), truncated.reason());
            assertEquals(controlIdOf(cut), truncated.controlId(), "the cut message's own control id");
            assertEquals("AA", client.readAck().code(), "the message after it is taken");

            expect(client.send(oru("version").replace("|P|2.5.1|", "|P|2.6|")), "AR", "203", "MSH-12", "version 2.6");
            expect(client.send(oru("version-missing").replace("|P|2.5.1|", "|P||")), "AR", "203", "MSH-12", "missing");
            expect(client.send(oru("pid3").replaceFirst("\\^\\^\\^GENHOSP\\^MR~", "^^^OTHERHOSP^MR~")), "AE", "101", "PID-3",
                    "no identifier assigned by GENHOSP");
            expect(client.send(oru("obx5").replace("||800|", "||eight hundred|")), "AE", "102", "OBX-5", "not numeric");
            expect(client.send(oru("loinc").replace("751-8^Neutrophils [#/volume] in Blood by Automated count^LN", "NEUT#^Neutrophils^L")),
                    "AE", "103", "OBX-3", "not coded in LN");
            expect(client.send(oru("status").replace("|LL~A|||F|", "|LL~A|||Q|")), "AE", "103", "OBX-11", "table 0085");
            expect(client.send(oru("flag").replace("|LL~A|", "|LL~ZZ|")), "AE", "103", "OBX-8", "table 0078");
            expect(client.send(oru("sender").replace("|LAB|GENHOSP|", "|LAB|OTHERHOSP|")), "AR", "207", "MSH-3", "not allowed");
            expect(client.send(oru("event").replace("ORU^R01^ORU_R01", "ORU^R30^ORU_R30")), "AR", "201", "MSH-9", "trigger event");
            expect(client.send(oru("type").replace("ORU^R01^ORU_R01", "MDM^T02^MDM_T02")), "AR", "200", "MSH-9", "message type");
            expect(client.send(rde("drug-code").replace("612865^tocilizumab 20 MG/ML Injectable Solution [Actemra]^RXNORM",
                    "F-77^Actemra 400 mg vial^LOCALFORMULARY")), "AE", "103", "RXE-2", "not coded in");
            expect(client.send(rde("route").replace("RXR|IV^Intravenous^HL70162", "RXR|XX^Somewhere^HL70162")), "AE", "103", "RXR-1",
                    "route");
            expect(client.send(rde("order-control").replace("ORC|NW|", "ORC|ZZ|")), "AE", "103", "ORC-1", "order control");
            expect(client.send(oru("timestamp").replace("|20261115080000-0500\rNTE", "|2026-11-15\rNTE")), "AE", "102", "OBX-14",
                    "timestamp");

            MllpClient.Ack notHl7 = client.send("hello, this is not HL7");
            assertEquals("AR", notHl7.code());
            assertTrue(notHl7.reason().contains("MSH"), notHl7.reason());

            assertEquals("AA", client.send(good("still-usable")).code(), "the connection still takes messages");
        }
        try (TestKafka kafka = new TestKafka(SuiteTestInfrastructure.bootstrapServers())) {
            var leaked = kafka.drain("patient-events", r -> badMrns.contains(r.key()), Duration.ofSeconds(3));
            assertEquals(List.of(), leaked.stream().map(r -> r.key()).toList(), "no event from a refused message");
        }
        assertAuditRow("obx5", "ERROR", "AE", 102, "OBX-5");
        assertAuditRow("sender", "REJECTED", "AR", 207, "MSH-3");
    }

    @Test
    void aFrameWithoutItsEndBlockIsAnsweredAfterTheFrameTimeout() throws Exception {
        try (MllpClient client = MllpClient.connect(server.port())) {
            String message = oru("stalled");
            byte[] partial = message.substring(0, message.length() / 2).getBytes(StandardCharsets.UTF_8);
            byte[] framed = new byte[partial.length + 1];
            framed[0] = MllpFrameReader.START_BLOCK;
            System.arraycopy(partial, 0, framed, 1, partial.length);
            client.sendRaw(framed);
            MllpClient.Ack ack = client.readAck();
            assertEquals("AR", ack.code());
            assertTrue(ack.reason().contains("truncated"));
            assertEquals("AA", client.send(good("after-stall")).code());
        }
    }

    @Test
    void theAuditTableIsAppendOnly() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("INSERT INTO message_audit (outcome) VALUES ('UNANSWERED')");
            for (String change : List.of("UPDATE message_audit SET outcome = 'ACCEPTED'", "DELETE FROM message_audit",
                    "TRUNCATE message_audit")) {
                var failure = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> connection.createStatement().execute(change), change);
                // refused by the append-only trigger, or before it: the service role was never granted TRUNCATE (issue 20)
                assertTrue(failure.getMessage().contains("append-only") || failure.getMessage().contains("permission denied"),
                        failure.getMessage());
            }
        }
    }

    private String oru(String name) {
        String mrn = V2Fixtures.uniqueMrn();
        badMrns.add(mrn);
        return V2Fixtures.message("oru-r01-cbc.hl7", mrn, "bad-" + name + "-" + V2Fixtures.uniqueControlId());
    }

    /** A valid message, for a patient not counted among the refused ones. */
    private static String good(String name) {
        return V2Fixtures.message("oru-r01-cbc.hl7", V2Fixtures.uniqueMrn(), name + "-" + V2Fixtures.uniqueControlId());
    }

    private String rde(String name) {
        String mrn = V2Fixtures.uniqueMrn();
        badMrns.add(mrn);
        return V2Fixtures.message("rde-o11-actemra.hl7", mrn, "bad-" + name + "-" + V2Fixtures.uniqueControlId());
    }

    private static String controlIdOf(String message) {
        return message.split("\\|")[9];
    }

    private static void expect(MllpClient.Ack ack, String code, String errorCode, String location, String reasonPart) {
        assertEquals(code, ack.code(), ack.text());
        assertEquals(errorCode, ack.errorCode(), ack.text());
        assertEquals(location, ack.errorLocation(), ack.text());
        assertTrue(ack.reason() != null && ack.reason().contains(reasonPart), "MSA-3 says why: " + ack.reason());
    }

    private void assertAuditRow(String name, String outcome, String acknowledgment, int errorCode, String location) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT outcome, acknowledgment, error_code, error_location, reason FROM message_audit WHERE control_id LIKE ?")) {
            query.setString(1, "bad-" + name + "-%");
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "audit row for " + name);
                assertEquals(outcome, rows.getString(1));
                assertEquals(acknowledgment, rows.getString(2));
                assertEquals(errorCode, rows.getInt(3));
                assertEquals(location, rows.getString(4));
                assertTrue(!rows.getString(5).contains("HL7P") && !rows.getString(5).contains("Doe"), "no patient data in the audit");
            }
        }
    }
}
