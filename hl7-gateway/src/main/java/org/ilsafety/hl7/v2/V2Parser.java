package org.ilsafety.hl7.v2;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HAPI's pipe parser with the structures of every accepted version (2.3, 2.3.1, 2.4, 2.5, 2.5.1). HAPI's own
 * validation is off: the mappers check what they use and say which field is wrong.
 */
@ApplicationScoped
public class V2Parser {
    public static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");

    private final HapiContext context;
    private final PipeParser parser;

    public V2Parser() {
        context = new DefaultHapiContext();
        context.setModelClassFactory(new CachedModelClasses());
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setAllowUnknownVersions(false);
        // ACK control ids: random, 20 characters (MSH-10's length); HAPI's default keeps a counter file in the working folder.
        context.getParserConfiguration().setIdGenerator(() -> java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        parser = context.getPipeParser();
    }

    public HapiContext context() {
        return context;
    }

    public PipeParser parser() {
        return parser;
    }

    /**
     * The header of a message whose body may still be broken: HAPI reads the MSH segment alone (into a 2.5.1 MSH,
     * whose fields 1 to 12 are the same in every accepted version). AR when there is no readable MSH.
     */
    public MessageHeader header(String text) {
        Segment msh;
        try {
            parser.getCriticalResponseData(text);
            int end = endOfFirstSegment(text);
            ca.uhn.hl7v2.model.v251.message.ACK holder = new ca.uhn.hl7v2.model.v251.message.ACK();
            msh = holder.getMSH();
            parser.parse(msh, text.substring(0, end), new EncodingCharacters(text.charAt(3), text.substring(4, 8)));
        } catch (HL7Exception | RuntimeException e) {
            throw MessageRejected.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 0,
                    "The message does not start with a readable MSH segment");
        }
        return new MessageHeader(new Sender(value(msh, 3), value(msh, 4)), value(msh, 10), component(msh, 9, 1),
                component(msh, 9, 2), value(msh, 12), value(msh, 11), value(msh, 7));
    }

    private static int endOfFirstSegment(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return i;
            }
        }
        return text.length();
    }

    /** The whole message; AE naming the place HAPI could not read. */
    public Message parse(String text) {
        try {
            return parser.parse(text);
        } catch (HL7Exception e) {
            String where = e.getLocation() == null || e.getLocation().isUnknown() ? null : e.getLocation().getSegmentName();
            int field = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getField());
            throw new MessageRejected(ca.uhn.hl7v2.AcknowledgmentCode.AE,
                    e.getError() == null ? ErrorCode.SEGMENT_SEQUENCE_ERROR : e.getError(), where, 1, field,
                    "The message cannot be parsed" + (where == null ? "" : " at " + where + (field > 0 ? "-" + field : "")));
        } catch (RuntimeException e) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "The message cannot be parsed");
        }
    }

    private static String value(Segment msh, int field) {
        return component(msh, field, 1);
    }

    private static String component(Segment msh, int field, int component) {
        try {
            String value = Terser.get(msh, field, 0, component, 1);
            return value == null || value.isBlank() ? null : value.trim();
        } catch (HL7Exception e) {
            return null;
        }
    }
}
