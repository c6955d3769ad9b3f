package org.opence.plugins.syslog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opence.testsupport.syslog.TcpReceiver;

import static org.assertj.core.api.Assertions.assertThat;

class FrameWriterTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private int writes;
    private final FrameWriter frames = new FrameWriter((bytes, offset, length) -> {
        writes++;
        wire.write(bytes, offset, length);
    });

    @Test
    void shouldPrefixEachMessageWithItsLengthInOctets() throws IOException {
        write("<134>1 - - - - - CEF:0|a|b", true);
        write("é€😀", true);
        write("", true);
        frames.flush();

        assertThat(wire.toString(StandardCharsets.UTF_8)).isEqualTo("26 <134>1 - - - - - CEF:0|a|b9 é€😀0 ");
    }

    @Test
    void shouldEndEachMessageWithALineFeed() throws IOException {
        write("first", false);
        write("zweite Zeile ü", false);
        frames.flush();

        assertThat(wire.toString(StandardCharsets.UTF_8)).isEqualTo("first\nzweite Zeile ü\n");
    }

    @Test
    void shouldParseBackEveryMessageAcrossBufferBoundariesAndBeyondTheBufferSize() throws IOException {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            sent.add("message " + i + " " + "x".repeat(i % 300));
        }
        sent.add("y".repeat(FrameWriter.BUFFER_BYTES * 2 + 17));
        sent.add("after the large one");
        for (String message : sent) {
            write(message, true);
        }
        frames.flush();

        List<String> parsed = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(wire.toByteArray());
        String message;
        while ((message = TcpReceiver.octetCounted(in)) != null) {
            parsed.add(message);
        }
        assertThat(parsed).containsExactlyElementsOf(sent);
        assertThat(writes).as("large writes, not one per message").isLessThan(sent.size() / 50);
    }

    @Test
    void shouldWriteNothingBeforeFlushForSmallPushes() throws IOException {
        write("one", true);
        write("two", true);
        assertThat(writes).isZero();

        frames.flush();
        assertThat(writes).isOne();
    }

    private void write(String message, boolean octetCounting) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (octetCounting) {
            frames.octetCounted(bytes, bytes.length);
        } else {
            frames.line(bytes, bytes.length);
        }
    }
}
