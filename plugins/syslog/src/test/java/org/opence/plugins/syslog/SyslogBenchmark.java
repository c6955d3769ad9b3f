package org.opence.plugins.syslog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.TestContext;

/**
 * Not a test: measures how many messages per second one configuration pushes to a local receiver that
 * parses the frames and counts them. Pushes chunks of 10,000 realistic CEF lines (about 350 bytes),
 * as the platform does, on one thread. Run it as the README says; arguments: the number of messages
 * per case (default 2,000,000).
 */
public final class SyslogBenchmark {

    private static final int CHUNK = 10_000;

    private SyslogBenchmark() {}

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        List<Object> lines = new ArrayList<>(CHUNK);
        long bytes = 0;
        for (int i = 0; i < CHUNK; i++) {
            String line = "CEF:0|Netskope|Netskope|1.0|page|Page Accessed|3|rt=" + (1_714_555_800_000L + i)
                    + " src=10.1." + (i % 250) + "." + (i % 200) + " dst=203.0.113." + (i % 250)
                    + " suser=user" + i + "@example.com act=allow app=Microsoft Office 365 OneDrive for Business"
                    + " cat=Cloud Storage request=https://example-my.sharepoint.com/personal/user" + i
                    + "/Documents cs1Label=policy cs1=Allow all cs2Label=instance cs2=corp cn1Label=bytes cn1=" + i * 7;
            lines.add(line);
            bytes += line.length();
        }
        System.out.printf(
                "%,d messages per case, chunks of %,d, mean CEF line %d bytes, %d cores%n",
                total, CHUNK, bytes / CHUNK, Runtime.getRuntime().availableProcessors());
        Path keys = Files.createTempDirectory("syslog-bench");
        TestCertificates certificate = TestCertificates.selfSigned(keys, "dns:localhost,ip:127.0.0.1");

        stream("TCP", "octet-counting", null, lines, total);
        stream("TCP", "newline", null, lines, total);
        stream("TLS", "octet-counting", certificate, lines, total);
        udp(lines, Math.min(total, 500_000));
    }

    private static void stream(
            String protocol, String framing, TestCertificates certificate, List<Object> lines, int total)
            throws Exception {
        SSLContext context = certificate == null ? null : certificate.serverContext();
        try (ServerSocket server = context == null
                ? new ServerSocket(0)
                : context.getServerSocketFactory().createServerSocket(0)) {
            AtomicLong received = new AtomicLong();
            Thread reader = new Thread(() -> countFrames(server, framing, received), "bench-receiver");
            reader.setDaemon(true);
            reader.start();
            Map<String, Object> config = new HashMap<>(Fixtures.config(protocol, server.getLocalPort()));
            config.put("framing", framing);
            if (certificate != null) {
                config.put("caCertificate", certificate.pem());
            }
            SyslogPlugin plugin = new SyslogPlugin();
            TestContext ctx = TestContext.with(config);
            push(plugin, ctx, lines, 200_000); // warm-up
            while (received.get() < 200_000) {
                Thread.sleep(1);
            }
            received.set(0);
            long start = System.nanoTime();
            push(plugin, ctx, lines, total);
            long pushed = System.nanoTime();
            while (received.get() < total) {
                Thread.sleep(1);
            }
            long done = System.nanoTime();
            report(protocol + " " + framing, total, pushed - start, done - start);
        }
    }

    private static void udp(List<Object> lines, int total) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(8 * 1024 * 1024);
            socket.setSoTimeout(500);
            AtomicLong received = new AtomicLong();
            Thread reader = new Thread(
                    () -> {
                        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
                        while (!socket.isClosed()) {
                            try {
                                socket.receive(packet);
                                received.incrementAndGet();
                            } catch (SocketTimeoutException e) {
                                // keep waiting
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "bench-udp");
            reader.setDaemon(true);
            reader.start();
            SyslogPlugin plugin = new SyslogPlugin();
            TestContext ctx = TestContext.with(Fixtures.config("UDP", socket.getLocalPort()));
            push(plugin, ctx, lines, 100_000);
            Thread.sleep(1_000);
            received.set(0);
            long start = System.nanoTime();
            push(plugin, ctx, lines, total);
            long pushed = System.nanoTime();
            Thread.sleep(1_000);
            report("UDP (sent)", total, pushed - start, pushed - start);
            System.out.printf(
                    "%-28s %,d of %,d datagrams arrived (unpaced; UDP drops what the receiver's buffer cannot hold)%n",
                    "", received.get(), total);
        }
    }

    private static void push(SyslogPlugin plugin, TestContext context, List<Object> lines, int total) throws Exception {
        for (int sent = 0; sent < total; sent += CHUNK) {
            PushResult result = plugin.push(context, lines, "events", "page");
            if (result.accepted() != CHUNK) {
                throw new IllegalStateException("push failed: " + result);
            }
        }
    }

    private static void report(String name, int total, long pushNanos, long deliveredNanos) {
        System.out.printf(
                "%-28s %,12.0f messages/s pushed, %,12.0f messages/s received%n",
                name, total / (pushNanos / 1e9), total / (deliveredNanos / 1e9));
    }

    /** Parses frames only as far as needed to count them. */
    private static void countFrames(ServerSocket server, String framing, AtomicLong received) {
        try (Socket socket = server.accept()) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 18);
            if (framing.equals("newline")) {
                byte[] buffer = new byte[1 << 18];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    long frames = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            frames++;
                        }
                    }
                    received.addAndGet(frames);
                }
            } else {
                while (true) {
                    int length = 0;
                    int c;
                    while ((c = in.read()) != ' ') {
                        if (c < 0) {
                            return;
                        }
                        length = length * 10 + (c - '0');
                    }
                    in.skipNBytes(length);
                    received.incrementAndGet();
                }
            }
        } catch (IOException e) {
            // the benchmark ended
        }
    }
}
