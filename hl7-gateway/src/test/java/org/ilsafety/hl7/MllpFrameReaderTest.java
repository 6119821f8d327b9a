package org.ilsafety.hl7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.ilsafety.hl7.mllp.MllpFrame;
import org.ilsafety.hl7.mllp.MllpFrameReader;
import org.junit.jupiter.api.Test;

/** MLLP framing without a network: complete, back-to-back, cut, oversize and closed frames. */
class MllpFrameReaderTest {
    @Test
    void readsBackToBackFramesAndSkipsBytesBetweenThem() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write('\n');
        bytes.write(MllpClient.frame("MSH|one"));
        bytes.write("noise".getBytes(StandardCharsets.UTF_8));
        bytes.write(MllpClient.frame("MSH|two\rPID|x"));
        MllpFrameReader reader = reader(bytes.toByteArray(), 1000);
        assertEquals(new MllpFrame("MSH|one", MllpFrame.Ending.COMPLETE), reader.next());
        assertEquals(new MllpFrame("MSH|two\rPID|x", MllpFrame.Ending.COMPLETE), reader.next());
        assertNull(reader.next());
    }

    @Test
    void aStartBlockInsideAFrameCutsItAndStartsTheNext() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(MllpFrameReader.START_BLOCK);
        bytes.write("MSH|cut".getBytes(StandardCharsets.UTF_8));
        bytes.write(MllpClient.frame("MSH|next"));
        MllpFrameReader reader = reader(bytes.toByteArray(), 1000);
        assertEquals(new MllpFrame("MSH|cut", MllpFrame.Ending.TRUNCATED), reader.next());
        assertEquals(new MllpFrame("MSH|next", MllpFrame.Ending.COMPLETE), reader.next());
    }

    @Test
    void anOversizeFrameIsReadToItsEndAndMarked() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(MllpClient.frame("MSH|" + "x".repeat(100)));
        bytes.write(MllpClient.frame("MSH|small"));
        MllpFrameReader reader = reader(bytes.toByteArray(), 20);
        assertEquals(MllpFrame.Ending.OVERSIZE, reader.next().ending());
        assertEquals(new MllpFrame("MSH|small", MllpFrame.Ending.COMPLETE), reader.next());
    }

    @Test
    void aConnectionClosedInsideAFrameIsReported() throws Exception {
        byte[] bytes = { MllpFrameReader.START_BLOCK, 'M', 'S', 'H' };
        assertEquals(new MllpFrame("MSH", MllpFrame.Ending.CLOSED_INSIDE_FRAME), reader(bytes, 1000).next());
    }

    private static MllpFrameReader reader(byte[] bytes, int max) {
        return new MllpFrameReader(new ByteArrayInputStream(bytes), max, StandardCharsets.UTF_8);
    }
}
