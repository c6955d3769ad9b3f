package org.opence.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One installation of the suite in a data directory of its own, driven through the scripts exactly as
 * a user runs them. Ports are shifted by an offset so a suite already running on the machine is left
 * alone, and bus names get a prefix of their own.
 */
final class Suite {

    static final int PORT_OFFSET = 300;

    /** What a script printed and how it ended. */
    record Run(int exitCode, String output, Duration took) {}

    final Path home =
            Path.of(System.getProperty("ce.home", "..")).toAbsolutePath().normalize();
    final Path dataDir;
    final Map<String, String> env = new HashMap<>();

    Suite(Path dataDir) {
        this.dataDir = dataDir;
        env.put("CE_DATA_DIR", dataDir.toString());
        env.put("CE_PORT_OFFSET", String.valueOf(PORT_OFFSET));
        env.put("CE_SKIP_BUILD", "1");
        env.put("CE_BUS_PREFIX", "e2e-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        env.put("CE_BUS_DELETE_ON_SHUTDOWN", "true");
    }

    int uiPort() {
        return 8443 + PORT_OFFSET;
    }

    int httpPort() {
        return 8080 + PORT_OFFSET;
    }

    Run script(String name, String... args) throws IOException, InterruptedException {
        String[] command = Stream.concat(
                        Stream.of(home.resolve("scripts").resolve(name).toString()), Stream.of(args))
                .toArray(String[]::new);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        // the suite under test is configured by this test alone, whatever the caller's shell exported
        builder.environment().keySet().removeIf(k -> k.startsWith("CE_") && !k.equals("CE_RABBITMQ_URL"));
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("scripts/" + name + " did not finish in 4 minutes:\n" + output);
        }
        System.out.printf("$ scripts/%s %s%n%s%n", name, String.join(" ", args), output);
        return new Run(process.exitValue(), output, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Trusts exactly the certificate scripts/setup made for this installation. */
    SSLContext trustSetupCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dataDir.resolve("ssl_certs/cte_cert.crt"))) {
            trust.setCertificateEntry(
                    "ui", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Resident memory of every process scripts/start recorded a pid for, in MiB. */
    Map<String, Long> residentMiB() throws IOException {
        Map<String, Long> rss = new java.util.TreeMap<>();
        try (var pids = Files.list(dataDir.resolve("run"))) {
            for (Path pidFile : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String pid = Files.readString(pidFile).trim();
                Path status = Path.of("/proc", pid, "status");
                if (Files.exists(status)) {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            rss.put(pidFile.getFileName().toString().replace(".pid", ""), kib / 1024);
                        }
                    }
                }
            }
        }
        return rss;
    }

    /** Removes the installation's data directory (it holds keys) after the test. */
    void deleteDataDirectory() throws IOException {
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
