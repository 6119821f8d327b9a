package org.ilsafety.hl7;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.hl7.fhir.MessageMapping;
import org.ilsafety.hl7.fhir.PatientEvent;
import org.ilsafety.hl7.mllp.FrameHandler;
import org.ilsafety.hl7.mllp.MllpFrame;
import org.ilsafety.hl7.store.AuditEntry;
import org.ilsafety.hl7.store.AuditEntry.Outcome;
import org.ilsafety.hl7.store.MessageLedger;
import org.ilsafety.hl7.v2.Acknowledgements;
import org.ilsafety.hl7.v2.MessageHeader;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.Sender;
import org.ilsafety.hl7.v2.V2Message;
import org.ilsafety.hl7.v2.V2Parser;
import org.jboss.logging.Logger;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One message, start to acknowledgement: the header is checked first (sender allowed, version, type, control
 * id), a control id already accepted from the sender is acknowledged again without a new event, then the
 * message is parsed by HAPI, mapped to FHIR, published, recorded and audited; AA only after the broker
 * acknowledged. Every outcome is audited and counted; logs name the sender, control id and outcome only.
 */
@ApplicationScoped
public class InboundMessages implements FrameHandler {
    private static final Logger LOG = Logger.getLogger(InboundMessages.class);

    private final V2Parser parser;
    private final MessageMapping mapping;
    private final PatientEventsPublisher publisher;
    private final MessageLedger ledger;
    private final Acknowledgements acknowledgements;
    private final Set<Sender> senders;
    private final MeterRegistry metrics;
    private final Timer accepted;

    public InboundMessages(V2Parser parser, MessageMapping mapping, PatientEventsPublisher publisher, MessageLedger ledger,
            Acknowledgements acknowledgements, GatewayConfig config, MeterRegistry metrics) {
        this.parser = parser;
        this.mapping = mapping;
        this.publisher = publisher;
        this.ledger = ledger;
        this.acknowledgements = acknowledgements;
        this.senders = config.senders().stream().map(Sender::parse).collect(Collectors.toUnmodifiableSet());
        this.metrics = metrics;
        this.accepted = Timer.builder("hl7_message_processing").description("From a complete frame to its AA")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    @Override
    public Optional<String> answer(MllpFrame frame, String peer) {
        return switch (frame.ending()) {
            case COMPLETE -> Optional.of(receive(frame.text(), peer));
            case TRUNCATED -> Optional.of(refuseFrame(frame.text(), peer,
                    "The MLLP frame is truncated: no end block before the next start block or the frame timeout"));
            case OVERSIZE -> Optional.of(refuseFrame(frame.text(), peer, "The MLLP frame is larger than the gateway accepts"));
            case CLOSED_INSIDE_FRAME -> {
                audit(new AuditEntry(peer, headerOrNull(frame.text()), null, Outcome.UNANSWERED, null, null,
                        "The connection closed inside an MLLP frame", 0));
                yield Optional.empty();
            }
        };
    }

    /** A complete frame: the ACK to send back. */
    public String receive(String text, String peer) {
        long started = System.nanoTime();
        MessageHeader header = null;
        try {
            header = parser.header(text);
            checkHeader(header);
            if (ledger.alreadyAccepted(header.sender(), header.controlId())) {
                audit(new AuditEntry(peer, header, "AA", Outcome.DUPLICATE, null, null, "Control id already accepted; no new event", 0));
                count(header, Outcome.DUPLICATE);
                LOG.infof("HL7 %s %s from %s: duplicate, acknowledged again", header.type(), header.controlId(), header.sender());
                return acknowledgements.accept(header, "Already received; no new event");
            }
            V2Message message = V2Message.of(parser.parse(text), header);
            List<PatientEvent> events = mapping.map(message);
            publisher.publish(events);
            ledger.accepted(header, events.size(), new AuditEntry(peer, header, "AA", Outcome.ACCEPTED, null, null, null, events.size()));
            count(header, Outcome.ACCEPTED);
            accepted.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            LOG.debugf("HL7 %s %s from %s: %d events", header.type(), header.controlId(), header.sender(), events.size());
            return acknowledgements.accept(header, null);
        } catch (MessageRejected rejected) {
            return refuse(peer, header, rejected);
        } catch (PatientEventsPublisher.NotPublished | MessageLedger.LedgerUnavailable e) {
            return refuse(peer, header, MessageRejected.error(ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "The message was not stored (" + e.getMessage() + "); send it again"));
        } catch (RuntimeException e) {
            LOG.errorf("HL7 message %s: unexpected %s", header == null ? "?" : header.controlId(), e.getClass().getName());
            return refuse(peer, header, MessageRejected.error(ErrorCode.APPLICATION_INTERNAL_ERROR,
                    "The gateway could not process the message; send it again"));
        }
    }

    private void checkHeader(MessageHeader header) {
        if (!senders.contains(header.sender())) {
            throw MessageRejected.reject(ErrorCode.APPLICATION_INTERNAL_ERROR, "MSH", 3,
                    "MSH-3/MSH-4: the sending application and facility are not allowed to send to this gateway");
        }
        if (header.version() == null || !V2Parser.VERSIONS.contains(header.version())) {
            throw MessageRejected.reject(ErrorCode.UNSUPPORTED_VERSION_ID, "MSH", 12,
                    "MSH-12: version " + (header.version() == null ? "missing" : header.version()) + " is not accepted (2.3, 2.3.1, 2.4, 2.5, 2.5.1)");
        }
        if (header.controlId() == null) {
            throw MessageRejected.reject(ErrorCode.REQUIRED_FIELD_MISSING, "MSH", 10, "MSH-10 (message control id) is missing");
        }
        if (header.messageCode() == null || !MessageMapping.supportsMessageCode(header.messageCode())) {
            throw MessageRejected.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9,
                    "MSH-9: message type " + header.messageCode() + " is not one the gateway maps");
        }
        if (MessageMapping.mapperFor(header.type()).isEmpty()) {
            throw MessageRejected.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9,
                    "MSH-9: trigger event " + header.type() + " is not one the gateway maps");
        }
    }

    private String refuseFrame(String text, String peer, String reason) {
        MessageHeader header = headerOrNull(text);
        return refuse(peer, header, MessageRejected.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, null, 0, reason));
    }

    private String refuse(String peer, MessageHeader header, MessageRejected rejected) {
        Outcome outcome = rejected.acknowledgment() == AcknowledgmentCode.AR ? Outcome.REJECTED : Outcome.ERROR;
        audit(new AuditEntry(peer, header, rejected.acknowledgment().name(), outcome, rejected.error().getCode(),
                rejected.location(), rejected.getMessage(), 0));
        count(header, outcome);
        LOG.infof("HL7 %s %s from %s: %s %d at %s", header == null ? "?" : header.type(), header == null ? "?" : header.controlId(),
                header == null ? "?" : header.sender(), rejected.acknowledgment(), rejected.error().getCode(), rejected.location());
        return acknowledgements.refuse(header, rejected);
    }

    private MessageHeader headerOrNull(String text) {
        try {
            return parser.header(text);
        } catch (MessageRejected e) {
            return null;
        }
    }

    private void audit(AuditEntry entry) {
        try {
            ledger.audit(entry);
        } catch (MessageLedger.LedgerUnavailable e) {
            LOG.errorf("Audit row not written for control id %s: database unavailable",
                    entry.header() == null ? "?" : entry.header().controlId());
        }
    }

    private void count(MessageHeader header, Outcome outcome) {
        String type = header != null && MessageMapping.mapperFor(header.type()).isPresent() ? header.type() : "other";
        metrics.counter("hl7_messages", "type", type, "outcome", outcome.name()).increment();
    }
}
