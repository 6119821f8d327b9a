package org.ilsafety.hl7.v2;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.hl7.GatewayConfig;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;

/**
 * The HL7 ACK for a message: the sender's version when it is one the gateway reads (else 2.5.1), MSA with the
 * sender's control id, and on AE/AR an ERR segment (HAPI fills ERR-1 for versions before 2.5, ERR-2/3/4 from
 * 2.5) plus MSA-3 with the reason.
 */
@ApplicationScoped
public class Acknowledgements {
    private static final String FALLBACK_VERSION = "2.5.1";

    private final V2Parser parser;
    private final GatewayConfig config;

    public Acknowledgements(V2Parser parser, GatewayConfig config) {
        this.parser = parser;
        this.config = config;
    }

    public String accept(MessageHeader header, String text) {
        return encode(header, AcknowledgmentCode.AA, null, text);
    }

    public String refuse(MessageHeader header, MessageRejected rejected) {
        return encode(header, rejected.acknowledgment(), rejected, rejected.getMessage());
    }

    private String encode(MessageHeader header, AcknowledgmentCode code, MessageRejected rejected, String text) {
        try {
            String version = header != null && header.version() != null && V2Parser.VERSIONS.contains(header.version())
                    ? header.version() : FALLBACK_VERSION;
            Class<? extends Message> type = parser.context().getModelClassFactory().getMessageClass("ACK", version, false);
            Message ack = type.getConstructor(ca.uhn.hl7v2.parser.ModelClassFactory.class)
                    .newInstance(parser.context().getModelClassFactory());
            ack.setParser(parser.parser());
            String event = header == null || header.triggerEvent() == null ? "" : header.triggerEvent();
            String processing = header == null || header.processingId() == null ? "P" : header.processingId();
            ((ca.uhn.hl7v2.model.AbstractMessage) ack).initQuickstart("ACK", event, processing);
            Segment msh = (Segment) ack.get("MSH");
            Terser.set(msh, 3, 0, 1, 1, config.receivingApplication());
            Terser.set(msh, 4, 0, 1, 1, config.receivingFacility());
            if (header != null) {
                Terser.set(msh, 5, 0, 1, 1, header.sender().application());
                Terser.set(msh, 6, 0, 1, 1, header.sender().facility());
            }
            Segment msa = (Segment) ack.get("MSA");
            if (rejected != null) {
                HL7Exception error = new HL7Exception(rejected.getMessage(), rejected.error());
                if (rejected.segment() != null) {
                    error.setSegmentName(rejected.segment());
                    error.setSegmentRepetition(rejected.segmentRepetition());
                    if (rejected.field() > 0) {
                        error.setFieldPosition(rejected.field());
                    }
                }
                error.populateResponse(ack, code, 0);
            }
            Terser.set(msa, 1, 0, 1, 1, code.name());
            Terser.set(msa, 2, 0, 1, 1, header == null || header.controlId() == null ? "" : header.controlId());
            if (text != null) {
                Terser.set(msa, 3, 0, 1, 1, text);
            }
            return parser.parser().encode(ack);
        } catch (ReflectiveOperationException | HL7Exception | java.io.IOException e) {
            throw new IllegalStateException("The acknowledgement could not be built", e);
        }
    }
}
