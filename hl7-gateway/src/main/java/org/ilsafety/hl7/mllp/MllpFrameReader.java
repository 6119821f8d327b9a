package org.ilsafety.hl7.mllp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;

/**
 * Reads MLLP frames (0x0B, message, 0x1C 0x0D) from a stream, one message per frame. Bytes between frames
 * are skipped. The stream's read timeout bounds how long a started frame may wait for its end block.
 */
public final class MllpFrameReader {
    public static final int START_BLOCK = 0x0B;
    public static final int END_BLOCK = 0x1C;
    public static final int CARRIAGE_RETURN = 0x0D;

    private final InputStream in;
    private final int maxBytes;
    private final Charset charset;
    /** True when the previous frame was cut by a start block that already opened the next frame. */
    private boolean startConsumed;

    public MllpFrameReader(InputStream in, int maxBytes, Charset charset) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.charset = charset;
    }

    /** The next frame, or null when the connection closed between frames. */
    public MllpFrame next() throws IOException {
        if (!startConsumed && !awaitStart()) {
            return null;
        }
        startConsumed = false;
        ByteArrayOutputStream message = new ByteArrayOutputStream(2048);
        boolean oversize = false;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                return new MllpFrame(message.toString(charset), MllpFrame.Ending.TRUNCATED);
            }
            if (b == -1) {
                return new MllpFrame(message.toString(charset), MllpFrame.Ending.CLOSED_INSIDE_FRAME);
            }
            if (b == START_BLOCK) {
                startConsumed = true;
                return new MllpFrame(message.toString(charset), MllpFrame.Ending.TRUNCATED);
            }
            if (b == END_BLOCK) {
                int next = readQuietly();
                if (next == CARRIAGE_RETURN || next == -1) {
                    return new MllpFrame(message.toString(charset), oversize ? MllpFrame.Ending.OVERSIZE : MllpFrame.Ending.COMPLETE);
                }
                if (next == START_BLOCK) {
                    startConsumed = true;
                    return new MllpFrame(message.toString(charset), oversize ? MllpFrame.Ending.OVERSIZE : MllpFrame.Ending.COMPLETE);
                }
                append(message, b, oversize);
                b = next;
            }
            if (message.size() >= maxBytes) {
                oversize = true;
            }
            append(message, b, oversize);
        }
    }

    private static void append(ByteArrayOutputStream message, int b, boolean oversize) {
        if (!oversize) {
            message.write(b);
        }
    }

    /** Skips to the next start block; false at the end of the stream. Idle waits between frames are fine. */
    private boolean awaitStart() throws IOException {
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (b == -1) {
                return false;
            }
            if (b == START_BLOCK) {
                return true;
            }
        }
    }

    private int readQuietly() throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }
}
