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
 *
 * <p>{@link #relp} starts it with a RELP input (imrelp, Debian's {@code rsyslog-relp}), optionally over
 * TLS, and queues that hand each message to the file before imrelp acknowledges it, so that a message
 * acknowledged survives a SIGKILL of rsyslog ({@link #kill}); {@link #restart} brings it back on the
 * same port, appending to the same file.
 */
public final class Rsyslog implements AutoCloseable {

    /**
     * A RELP-over-TLS input: its certificate and key, the authorities a client's certificate must be
     * signed by (imrelp asks every client for a certificate), and the name it must carry.
     */
    public record Tls(Path certificate, Path key, Path clientAuthorities, String clientName) {}

    private Process process;
    private final Path dir;
    private final int port;
    private final Path conf;

    private Rsyslog(Process process, Path dir, int port, Path conf) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.conf = conf;
    }

    /** With a RELP input on a free port (TLS when {@code tls} is given). */
    public static Rsyslog relp(Path dir, Tls tls) throws IOException, InterruptedException {
        Path binary = binary();
        Files.createDirectories(dir);
        int port = freePort();
        Path work = Files.createDirectories(dir.resolve("work"));
        String tlsParameters = tls == null
                ? ""
                : (" tls=\"on\" tls.myCert=\"%s\" tls.myPrivKey=\"%s\" tls.caCert=\"%s\""
                                + " tls.authMode=\"name\" tls.permittedPeer=[\"%s\"]")
                        .formatted(tls.certificate(), tls.key(), tls.clientAuthorities(), tls.clientName());
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s" maxMessageSize="64k")
                main_queue(queue.type="Direct")
                module(load="imrelp")
                template(name="msg" type="string" string="%%msg%%\n")
                ruleset(name="siem" queue.type="Direct") {
                    action(type="omfile" file="%s" template="msg" asyncWriting="off" flushOnTXEnd="on")
                }
                input(type="imrelp" port="%d" ruleset="siem"%s)
                """.formatted(work, dir.resolve("messages.log"), port, tlsParameters));
        return launch(binary, dir, port, conf);
    }

    public static Rsyslog start(Path dir) throws IOException, InterruptedException {
        Path binary = binary();
        int port = freePort();
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
        return launch(binary, dir, port, conf);
    }

    private static Path binary() {
        return List.of(Path.of("/usr/sbin/rsyslogd"), Path.of("/sbin/rsyslogd")).stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "rsyslogd is not installed: apt-get install rsyslog rsyslog-relp (.ci/run installs it)"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Rsyslog launch(Path binary, Path dir, int port, Path conf) throws IOException, InterruptedException {
        Rsyslog rsyslog = new Rsyslog(spawn(binary, dir, conf), dir, port, conf);
        rsyslog.awaitListening();
        return rsyslog;
    }

    private static Process spawn(Path binary, Path dir, Path conf) throws IOException {
        return new ProcessBuilder(
                        binary.toString(),
                        "-n",
                        "-f",
                        conf.toString(),
                        "-i",
                        dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("rsyslogd.out").toFile()))
                .start();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("rsyslogd did not start: "
                        + (Files.exists(dir.resolve("rsyslogd.out"))
                                ? Files.readString(dir.resolve("rsyslogd.out"))
                                : ""));
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: rsyslog ends at once, whatever it holds in memory is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(dir.resolve("rsyslogd.pid"));
        } catch (IOException ignored) {
            // a stale pid file only makes the restart complain
        }
    }

    /** Starts it again with the same configuration: the same port, appending to the same file. */
    public void restart() throws IOException, InterruptedException {
        process = spawn(binary(), dir, conf);
        awaitListening();
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

    public boolean running() {
        return process.isAlive();
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
