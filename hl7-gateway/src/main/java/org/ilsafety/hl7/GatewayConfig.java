package org.ilsafety.hl7;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's settings (prefix {@code hl7}); see the README for each one. */
@ConfigMapping(prefix = "hl7")
public interface GatewayConfig {

    Mllp mllp();

    /**
     * The senders allowed to send: {@code APPLICATION|FACILITY} pairs as in MSH-3 and MSH-4 (namespace ids);
     * every other sender gets AR.
     */
    List<String> senders();

    /** The assigning authority (PID-3, CX-4 namespace id) whose identifier is the MRN: the suite's patient id. */
    @WithDefault("MRN")
    String patientIdAssigningAuthority();

    /** The FHIR identifier system of that MRN, written on the Patient resources the gateway produces. */
    @WithDefault("urn:oid:2.16.840.1.113883.3.0.mrn")
    String patientIdSystem();

    /** The time zone of timestamps sent without an offset (most engines send local time). */
    @WithDefault("UTC")
    String timeZone();

    /** How long a message waits for the broker to acknowledge its records before the sender gets AE. */
    @WithDefault("30s")
    Duration publishTimeout();

    /** MSH-3 and MSH-4 of the acknowledgements. */
    @WithDefault("ILSAFETY")
    String receivingApplication();

    @WithDefault("ILSAFETY")
    String receivingFacility();

    interface Mllp {
        @WithDefault("2575")
        int port();

        @WithDefault("0.0.0.0")
        String host();

        /** Connections served at once; a connection beyond it is closed at once. */
        @WithDefault("32")
        int maxConnections();

        /** A frame larger than this is refused with AR. */
        @WithDefault("1048576")
        int maxFrameBytes();

        /** How long a started frame may wait for its end block before it is answered as truncated. */
        @WithDefault("30s")
        Duration frameTimeout();

        @WithDefault("UTF-8")
        String charset();

        Tls tls();
    }

    interface Tls {
        @WithDefault("false")
        boolean enabled();

        /** PKCS#12 key store with the gateway's certificate and key. */
        Optional<String> keyStore();

        Optional<String> keyStorePassword();

        /** PKCS#12 trust store: when set, senders must present a certificate it trusts (mutual TLS). */
        Optional<String> trustStore();

        Optional<String> trustStorePassword();
    }
}
