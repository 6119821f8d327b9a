package org.ilsafety.interaction.cds.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


/**
 * Remembers every CDS Hooks token id ({@code jti}) per issuer until the token can no longer be accepted, in
 * PostgreSQL ({@code cds_client_token}, unique on issuer and the jti's SHA-256): a token replayed to another
 * replica, or after a restart, is refused too. Expired entries are purged on a schedule ({@link TokenReplayPurgeJob}).
 */
@ApplicationScoped
public class TokenReplayGuard {
    private static final Logger LOG = Logger.getLogger(TokenReplayGuard.class);
    private static final String INSERT = "INSERT INTO cds_client_token (issuer, jti_sha256, expires_at) VALUES (?, ?, ?) "
            + "ON CONFLICT (issuer, jti_sha256) DO NOTHING";

    private final DataSource dataSource;

    public TokenReplayGuard(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time {@code jti} of {@code issuer} is seen; it is kept until {@code keepUntil}. */
    public boolean firstUse(String issuer, String jti, Instant keepUntil) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, issuer);
            insert.setString(2, sha256(jti));
            insert.setTimestamp(3, Timestamp.from(keepUntil));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new ReplayCheckUnavailable(e);
        }
    }

    /** Drops the ids of tokens that have expired (and so can never be accepted again); returns how many. */
    public int purgeExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM cds_client_token WHERE expires_at < now()")) {
            int purged = delete.executeUpdate();
            LOG.debugf("Purged %d expired CDS Hooks token ids", purged);
            return purged;
        } catch (SQLException e) {
            LOG.warnf("Could not purge expired CDS Hooks token ids: %s", e.getSQLState());
            return 0;
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database could not be asked whether a token id was used: the request cannot be trusted. */
    public static class ReplayCheckUnavailable extends RuntimeException {
        ReplayCheckUnavailable(SQLException cause) {
            super("The token replay check is unavailable (SQL state " + cause.getSQLState() + ")", cause);
        }
    }
}
