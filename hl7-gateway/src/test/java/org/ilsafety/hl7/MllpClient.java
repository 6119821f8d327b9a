package org.ilsafety.hl7;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.ilsafety.hl7.mllp.MllpFrameReader;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/** An MLLP sender as an interface engine is one: one TCP connection, one message per frame, waits for each ACK. */
public final class MllpClient implements AutoCloseable {
    private static final DefaultHapiContext HAPI = new DefaultHapiContext(ValidationContextFactory.noValidation());

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public MllpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(60_000);
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    public static MllpClient connect(int port) throws IOException {
        return new MllpClient(new Socket("127.0.0.1", port));
    }

    /** Sends one message framed and returns the parsed ACK. */
    public Ack send(String message) throws IOException {
        sendRaw(frame(message));
        return readAck();
    }

    public static byte[] frame(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[body.length + 3];
        framed[0] = MllpFrameReader.START_BLOCK;
        System.arraycopy(body, 0, framed, 1, body.length);
        framed[body.length + 1] = MllpFrameReader.END_BLOCK;
        framed[body.length + 2] = MllpFrameReader.CARRIAGE_RETURN;
        return framed;
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public Ack readAck() throws IOException {
        int b = in.read();
        if (b != MllpFrameReader.START_BLOCK) {
            throw new IOException("No MLLP start block but " + b);
        }
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        while ((b = in.read()) != MllpFrameReader.END_BLOCK) {
            if (b == -1) {
                throw new IOException("The connection closed inside the ACK");
            }
            ack.write(b);
        }
        if (in.read() != MllpFrameReader.CARRIAGE_RETURN) {
            throw new IOException("No carriage return after the end block");
        }
        return Ack.parse(ack.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The fields of an ACK a sender acts on. */
    public record Ack(String text, String code, String controlId, String reason, String errorCode, String errorSegment,
            String errorField, String version) {
        static Ack parse(String text) {
            try {
                Message ack = HAPI.getPipeParser().parse(text);
                Terser terser = new Terser(ack);
                Segment err = (Segment) ack.get("ERR");
                boolean v25 = !ack.getVersion().startsWith("2.3") && !ack.getVersion().equals("2.4");
                String errorCode = v25 ? Terser.get(err, 3, 0, 1, 1) : Terser.get(err, 1, 0, 4, 1);
                String segment = v25 ? Terser.get(err, 2, 0, 1, 1) : Terser.get(err, 1, 0, 1, 1);
                String field = v25 ? Terser.get(err, 2, 0, 3, 1) : Terser.get(err, 1, 0, 3, 1);
                return new Ack(text, terser.get("/MSA-1"), terser.get("/MSA-2"), terser.get("/MSA-3"), errorCode, segment, field,
                        terser.get("/MSH-12"));
            } catch (HL7Exception e) {
                throw new IllegalStateException("Unparseable ACK: " + text, e);
            }
        }

        /** {@code OBX-5}, as ERR names the place. */
        public String errorLocation() {
            return errorSegment == null ? null : errorField == null ? errorSegment : errorSegment + "-" + errorField;
        }
    }
}
