package org.ilsafety.hl7.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.hl7.v2.MessageHeader;
import org.ilsafety.hl7.v2.Sender;

import io.agroal.api.AgroalDataSource;

/**
 * The gateway's own tables in its own schema: accepted control ids per sender (deduplication that survives a
 * restart) and the append-only message audit.
 */
@ApplicationScoped
public class MessageLedger {
    private final AgroalDataSource dataSource;

    public MessageLedger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean alreadyAccepted(Sender sender, String controlId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM received_message WHERE sender_application = ? AND sender_facility = ? AND control_id = ?")) {
            query.setString(1, sender.application());
            query.setString(2, sender.facility());
            query.setString(3, controlId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new LedgerUnavailable(e);
        }
    }

    /** Records an accepted message and its audit row in one transaction. */
    public void accepted(MessageHeader header, int eventCount, AuditEntry audit) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO received_message (sender_application, sender_facility, control_id, message_type, event_count) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, header.sender().application());
                insert.setString(2, header.sender().facility());
                insert.setString(3, header.controlId());
                insert.setString(4, header.type());
                insert.setInt(5, eventCount);
                insert.executeUpdate();
                insertAudit(connection, audit);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerUnavailable(e);
        }
    }

    public void audit(AuditEntry audit) {
        try (Connection connection = dataSource.getConnection()) {
            insertAudit(connection, audit);
        } catch (SQLException e) {
            throw new LedgerUnavailable(e);
        }
    }

    private static void insertAudit(Connection connection, AuditEntry audit) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO message_audit (peer, sender_application, "
                + "sender_facility, control_id, message_type, version, acknowledgment, outcome, error_code, error_location, reason, "
                + "event_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            MessageHeader header = audit.header();
            insert.setString(1, audit.peer());
            insert.setString(2, header == null ? null : header.sender().application());
            insert.setString(3, header == null ? null : header.sender().facility());
            insert.setString(4, header == null ? null : header.controlId());
            insert.setString(5, header == null ? null : header.type());
            insert.setString(6, header == null ? null : header.version());
            insert.setString(7, audit.acknowledgment());
            insert.setString(8, audit.outcome().name());
            if (audit.errorCode() == null) {
                insert.setNull(9, Types.INTEGER);
            } else {
                insert.setInt(9, audit.errorCode());
            }
            insert.setString(10, audit.errorLocation());
            insert.setString(11, audit.reason());
            insert.setInt(12, audit.eventCount());
            insert.executeUpdate();
        }
    }

    /** The database did not answer: the message is not acknowledged as accepted. */
    public static class LedgerUnavailable extends RuntimeException {
        LedgerUnavailable(SQLException cause) {
            super("The gateway's database is unavailable", cause);
        }
    }
}
