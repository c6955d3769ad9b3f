package org.opence.plugins.syslog;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.testkit.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.plugins.syslog.Fixtures.cef;
import static org.opence.plugins.syslog.Fixtures.config;
import static org.opence.plugins.syslog.Fixtures.expected;
import static org.opence.plugins.syslog.Fixtures.rfc5424;

class UdpDeliveryTest {

    @Test
    void shouldSendEachMessageAsOneDatagramExactly() throws Exception {
        try (DatagramSocket receiver = receiver()) {
            List<Object> messages = new ArrayList<>(cef(200, 0));
            messages.add("line one\nline two kept: a datagram is one message");

            PushResult result = Fixtures.plugin()
                    .push(TestContext.with(config("UDP", receiver.getLocalPort())), messages, "alerts", "malware");

            assertThat(result).isEqualTo(Fixtures.written(201));
            assertThat(receive(receiver, 201)).containsExactlyElementsOf(expected("malware", messages));
        }
    }

    @Test
    void shouldCutAMessageToTheLargestUdpPayload() throws Exception {
        try (DatagramSocket receiver = receiver()) {
            TestContext context = TestContext.with(config("UDP", receiver.getLocalPort()));

            PushResult result = Fixtures.plugin().push(context, List.of("x".repeat(70_000)), "alerts", "malware");

            assertThat(result).isEqualTo(Fixtures.written(1));
            String datagram = receive(receiver, 1).get(0);
            assertThat(datagram).hasSize(SyslogSettings.UDP_MAX_PAYLOAD);
            assertThat(rfc5424("malware", "x".repeat(70_000))).startsWith(datagram);
            assertThat(context.log())
                    .anySatisfy(l -> assertThat(l.message()).contains("longer than 65507 bytes and were cut"));
        }
    }

    @Test
    void shouldCountWhatLeftAndFailTheRestWhenNothingListens() throws Exception {
        int port;
        try (DatagramSocket gone = receiver()) {
            port = gone.getLocalPort();
        }
        TestContext context = TestContext.with(config("UDP", port));

        PushResult result = Fixtures.plugin().push(context, cef(1_000, 0), "alerts", "malware");

        assertThat(result.retryable()).isTrue();
        assertThat(result.accepted()).isLessThan(1_000);
        assertThat(result.failed())
                .extracting(FailedItem::index)
                .containsExactlyElementsOf(range(result.accepted(), 1_000));
        assertThat(result.failed().get(0).reason())
                .isEqualTo("nothing listens on UDP 127.0.0.1:" + port + " (the host answered 'port unreachable')");
        assertThat(context.errors()).singleElement().satisfies(e -> assertThat(e.errorCode())
                .isEqualTo("SYSLOG-SEND"));
    }

    private static DatagramSocket receiver() throws Exception {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static List<String> receive(DatagramSocket socket, int count) throws Exception {
        List<String> received = new ArrayList<>();
        byte[] buffer = new byte[70_000];
        for (int i = 0; i < count; i++) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
        return received;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = from; i < to; i++) {
            indexes.add(i);
        }
        return indexes;
    }
}
