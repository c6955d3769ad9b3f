package org.opence.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslog (the Debian package) for tests and benchmarks that send to a SIEM: started on a free
 * TCP port with a configuration of its own that writes each message's MSG part, one per line, to
 * {@code messages.log} in its directory. Fails with the command to install it when rsyslogd is
 * missing.
 */
public final class Rsyslog implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;

    private Rsyslog(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    public static Rsyslog start(Path dir) throws IOException, InterruptedException {
        Path binary = List.of(Path.of("/usr/sbin/rsyslogd"), Path.of("/sbin/rsyslogd")).stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "rsyslogd is not installed: apt-get install rsyslog (.ci/run installs it)"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path work = Files.createDirectories(dir.resolve("work"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s" maxMessageSize="64k")
                module(load="imtcp")
                template(name="msg" type="string" string="%%msg%%\\n")
                ruleset(name="siem") {
                    action(type="omfile" file="%s" template="msg" asyncWriting="on" flushInterval="1" ioBufferSize="256k")
                }
                input(type="imtcp" port="%d" ruleset="siem")
                """.formatted(work, dir.resolve("messages.log"), port));
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "-n",
                        "-f",
                        conf.toString(),
                        "-i",
                        dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.out").toFile())
                .start();
        Rsyslog rsyslog = new Rsyslog(process, dir, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!rsyslog.accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                rsyslog.close();
                throw new IllegalStateException("rsyslogd did not start: "
                        + (Files.exists(dir.resolve("rsyslogd.out"))
                                ? Files.readString(dir.resolve("rsyslogd.out"))
                                : ""));
            }
            Thread.sleep(100);
        }
        return rsyslog;
    }

    public int port() {
        return port;
    }

    /** The file with one received message (its MSG part) per line. */
    public Path messages() {
        return dir.resolve("messages.log");
    }

    /** The messages received so far (the file may still grow). */
    public List<String> lines() throws IOException {
        return Files.exists(messages()) ? Files.readAllLines(messages(), StandardCharsets.UTF_8) : List.of();
    }

    /** Lines in the file so far, counted without keeping them. */
    public long count() throws IOException {
        if (!Files.exists(messages())) {
            return 0;
        }
        long n = 0;
        try (var in = Files.newInputStream(messages())) {
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) > 0) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    public long pid() {
        return process.pid();
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
