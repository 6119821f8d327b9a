package org.ilsafety.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** An MLLP sender for the end-to-end tests: one frame per message, returns MSA-1 of the ACK. */
final class Hl7Sender implements AutoCloseable {
    private final Socket socket;

    Hl7Sender(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
    }

    String send(String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(0x0B);
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] { 0x1C, 0x0D });
        out.flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream ack = new ByteArrayOutputStream();
        int b = in.read();
        while ((b = in.read()) != 0x1C && b != -1) {
            ack.write(b);
        }
        in.read();
        String text = ack.toString(StandardCharsets.UTF_8);
        int msa = text.indexOf("MSA|");
        return msa < 0 ? text : text.substring(msa + 4, msa + 6);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
