package org.opence.core.logs;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.common.store.Store;
import org.opence.core.CoreCollections;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * Loads N log entries (default 1,000,000, over 7 days) into the embedded store as the suite runs it
 * (embedded-mongo.jar, H2 backend, started here with scripts/start's JVM options) through
 * {@link LogStore}, then times typical searches through {@link LogSearch} (what {@code GET /api/logs}
 * runs, without HTTP). Not run by the tests; prints figures. Usage (from the repository root):
 *
 * <pre>
 * mvn -o -q -pl core-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp core-service/target/classes:core-service/target/test-classes:$(cat core-service/target/test-classpath.txt) \
 *     org.opence.core.logs.LogQueryBenchmark [--entries N] [--file F.mv.db] [--uri mongodb://...] [--segment-size S]
 * </pre>
 *
 * With {@code --file} the store file is kept and a second run reuses what it holds; {@code --uri}
 * uses a running store (e.g. a real MongoDB) instead of starting one.
 */
public final class LogQueryBenchmark {

    private static final String[] JVM = {
        "-XX:+UseSerialGC",
        "-Xms16m",
        "-Xmx256m",
        "-XX:MaxMetaspaceSize=160m",
        "-XX:ReservedCodeCacheSize=64m",
        "-Xss512k"
    };
    private static final String[][] PLUGINS = {
        {"cte", "netskope-cte", "misp", "crowdstrike"},
        {"cto", "servicenow", "jira"},
        {"cre", "crowdstrike-cre", "okta"},
        {"cls", "syslog", "webhook", "splunk-hec"}
    };

    private LogQueryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int entries = 1_000_000;
        Path file = null;
        String uri = null;
        int segmentSize = 2_500; // the default of core.logs.segment-size
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--entries" -> entries = Integer.parseInt(args[i + 1]);
                case "--file" -> file = Path.of(args[i + 1]);
                case "--uri" -> uri = args[i + 1];
                case "--segment-size" -> segmentSize = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Process mongo = null;
        Path tmp = null;
        if (uri == null) {
            if (file == null) {
                tmp = Files.createTempDirectory("log-bench");
                file = tmp.resolve("opence.mv.db");
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            mongo = startEmbeddedMongo(file, port);
            uri = "mongodb://127.0.0.1:" + port;
        }
        try (MongoClient client = MongoClients.create(uri)) {
            Store store = new Store(client.getDatabase("opence"), new CoreCollections());
            LogStore logs = new LogStore(store, segmentSize);
            long have = logs.segments().newestFirst().stream()
                    .mapToLong(LogSegments.Segment::count)
                    .sum();
            Instant newest = have >= entries ? newest(logs) : load(logs, entries - have);
            System.out.printf(
                    "store: %s, %,d entries in %d segments%n",
                    uri, entries, logs.segments().newestFirst().size());
            if (mongo != null) {
                System.out.printf("embedded-mongo RSS after load: %,d MiB%n", rssMiB(mongo.pid()));
            }
            logs.segments().newestFirst(); // as core-service does at start-up
            System.out.printf("load average before the searches: %s%n", loadAverage());
            measure(new LogSearch(logs, Duration.ofMillis(100)), logs, newest); // core.logs.query-budget
            System.out.printf("load average after the searches: %s%n", loadAverage());
            if (mongo != null) {
                System.out.printf("embedded-mongo RSS after the searches: %,d MiB%n", rssMiB(mongo.pid()));
            }
        } finally {
            if (mongo != null) {
                mongo.destroy();
                mongo.waitFor();
            }
            if (tmp != null) {
                try (var files = Files.walk(tmp)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static Process startEmbeddedMongo(Path file, int port) throws Exception {
        Path jar = Path.of("embedded-mongo/target/embedded-mongo.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run from the repository root after building embedded-mongo");
        }
        List<String> command =
                new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(List.of(JVM));
        command.addAll(List.of("-jar", jar.toString(), "--file", file.toString(), "--port", String.valueOf(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        file.resolveSibling("embedded-mongo.log").toFile()))
                .start();
        for (int i = 0; i < 300; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                System.out.printf("embedded-mongo (%s) on port %d, file %s%n", String.join(" ", JVM), port, file);
                return process;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        process.destroy();
        throw new IllegalStateException(
                "embedded-mongo did not start; see " + file.resolveSibling("embedded-mongo.log"));
    }

    private static Instant newest(LogStore logs) {
        return logs.segments().newestFirst().get(0).maxTime();
    }

    /** Entries over 7 days up to now, in batches of 500 as services publish them. */
    private static Instant load(LogStore logs, long count) {
        Random random = new Random(42);
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofDays(7));
        long step = Duration.ofDays(7).toNanos() / count;
        long began = System.nanoTime();
        List<LogEntry> batch = new ArrayList<>(500);
        for (long i = 0; i < count; i++) {
            batch.add(entry(random, start.plusNanos(i * step), i));
            if (batch.size() == 500 || i == count - 1) {
                logs.add(UUID.randomUUID().toString(), Instant.now(), batch);
                batch.clear();
            }
            if ((i + 1) % 100_000 == 0) {
                double s = (System.nanoTime() - began) / 1e9;
                System.out.printf("loaded %,d entries in %.0f s (%,.0f/s)%n", i + 1, s, (i + 1) / s);
            }
        }
        double s = (System.nanoTime() - began) / 1e9;
        System.out.printf("load: %,d entries in %.0f s, %,.0f entries/s%n", count, s, count / s);
        return end;
    }

    private static LogEntry entry(Random random, Instant time, long n) {
        int m = random.nextInt(100);
        String module = m < 25 ? "core" : m < 45 ? "cte" : m < 55 ? "cto" : m < 65 ? "cre" : m < 95 ? "cls" : "tenant";
        String plugin = null;
        String configuration = null;
        for (String[] p : PLUGINS) {
            if (p[0].equals(module) && random.nextInt(10) < 8) {
                int k = 1 + (int) Math.min(p.length - 2, Math.abs(random.nextGaussian() * 1.2));
                plugin = p[k];
                configuration = plugin + " " + (1 + (int) Math.min(4, Math.abs(random.nextGaussian() * 1.5)));
            }
        }
        int l = random.nextInt(100);
        LogLevel level = l < 15 ? LogLevel.debug : l < 80 ? LogLevel.info : l < 93 ? LogLevel.warning : LogLevel.error;
        String message =
                switch (random.nextInt(6)) {
                    case 0 -> "Pulled " + random.nextInt(20_000) + " indicators in " + random.nextInt(5_000) + " ms";
                    case 1 ->
                        "Pushed " + random.nextInt(2_000) + " events to the destination in " + random.nextInt(900)
                                + " ms";
                    case 2 -> "Connection to siem-" + random.nextInt(40) + ".example.com:6514 timed out after 30000 ms";
                    case 3 -> "Tenant acme-" + random.nextInt(9) + ": page " + n + " of alerts/malware published";
                    case 4 -> "Configuration saved; next run in " + random.nextInt(600) + " s";
                    default -> "Rule " + random.nextInt(300) + " matched " + random.nextInt(100) + " records";
                };
        if (random.nextInt(2_000) == 0) {
            message = "TLS certificate has expired for host " + random.nextInt(40) + ".example.com";
        }
        boolean problem = level == LogLevel.error || level == LogLevel.warning;
        return new LogEntry(
                time,
                level,
                module,
                plugin,
                configuration,
                message,
                level == LogLevel.error ? "BENCH-" + random.nextInt(20) : null,
                problem
                        ? "HTTP " + (400 + random.nextInt(104)) + " from the remote side; body: {\"error\":\"...\"}"
                        : null,
                level == LogLevel.error ? "Check the configuration's credentials and the remote system." : null,
                null,
                module + "-service");
    }

    private static void measure(LogSearch search, LogStore logs, Instant newest) {
        Instant hourAgo = newest.minus(Duration.ofHours(1));
        Instant dayAgo = newest.minus(Duration.ofDays(1));
        Instant threeDaysAgo = newest.minus(Duration.ofDays(3));
        Map<String, LogQuery> queries = new LinkedHashMap<>();
        queries.put("first page (100)", LogQuery.newest(100));
        queries.put("first page (500)", LogQuery.newest(500));
        queries.put("level=error (and above)", q(EnumSet.of(LogLevel.error), null, null, null, null, null, null));
        queries.put(
                "level=warning (and above)",
                q(EnumSet.of(LogLevel.warning, LogLevel.error), null, null, null, null, null, null));
        queries.put("levels=debug", q(EnumSet.of(LogLevel.debug), null, null, null, null, null, null));
        queries.put("module=cre", q(null, Set.of("cre"), null, null, null, null, null));
        queries.put("module=tenant (5%)", q(null, Set.of("tenant"), null, null, null, null, null));
        queries.put("plugin=okta", q(null, null, "okta", null, null, null, null));
        queries.put("configuration='jira 4' (rare)", q(null, null, null, "jira 4", null, null, null));
        queries.put(
                "error + module=cls + plugin=webhook",
                q(EnumSet.of(LogLevel.error), Set.of("cls"), "webhook", null, null, null, null));
        queries.put(
                "time range: 1 h, 3 days ago",
                q(null, null, null, null, null, threeDaysAgo, threeDaysAgo.plus(Duration.ofHours(1))));
        queries.put("time range: last 24 h", q(null, null, null, null, null, dayAgo, null));
        queries.put(
                "time range 1 h 3 days ago + level=error",
                q(
                        EnumSet.of(LogLevel.error),
                        null,
                        null,
                        null,
                        null,
                        threeDaysAgo,
                        threeDaysAgo.plus(Duration.ofHours(1))));
        queries.put("text 'timed out', last hour", q(null, null, null, null, "timed out", hourAgo, null));
        queries.put("text 'siem-7.example', last hour", q(null, null, null, null, "siem-7.example", hourAgo, null));
        queries.put("text 'timed out', last 24 h", q(null, null, null, null, "timed out", dayAgo, null));
        queries.put(
                "text 'timed out' + level=error",
                q(EnumSet.of(LogLevel.error), null, null, null, "timed out", null, null));
        queries.put(
                "text 'certificate has expired', last 24 h (rare)",
                q(null, null, null, null, "certificate has expired", dayAgo, null));
        queries.put(
                "text 'certificate has expired', everything (rare)",
                q(null, null, null, null, "certificate has expired", null, null));
        System.out.printf(
                "%n%-52s %8s %9s %9s %9s %8s %5s%n",
                "query (limit 100 unless said)", "first ms", "median ms", "p95 ms", "max ms", "entries", "more");
        for (var q : queries.entrySet()) {
            time(q.getKey(), () -> search.search(q.getValue()));
        }
        cold(
                search,
                "time range: 1 h, n days + 12 h ago, n = 1..6 (cold)",
                n -> q(
                        null,
                        null,
                        null,
                        null,
                        null,
                        newest.minus(Duration.ofDays(n)).minus(Duration.ofHours(12)),
                        newest.minus(Duration.ofDays(n)).minus(Duration.ofHours(11))));
        cold(
                search,
                "level=error, 1 h, n days + 15 h ago (cold)",
                n -> q(
                        EnumSet.of(LogLevel.error),
                        null,
                        null,
                        null,
                        null,
                        newest.minus(Duration.ofDays(n)).minus(Duration.ofHours(15)),
                        newest.minus(Duration.ofDays(n)).minus(Duration.ofHours(14))));
        cold(
                search,
                "text 'timed out', 1 h, n days + 18 h ago (cold)",
                n -> q(
                        null,
                        null,
                        null,
                        null,
                        "timed out",
                        newest.minus(Duration.ofDays(n)).minus(Duration.ofHours(18)),
                        newest.minus(Duration.ofDays(n)).minus(Duration.ofHours(17))));
        LogPage first = search.search(LogQuery.newest(100));
        LogQuery next = new LogQuery(null, null, null, null, null, null, null, Long.parseLong(first.nextBefore()), 100);
        time("second page (before=nextBefore)", () -> search.search(next));
        LogPage deep = first;
        for (int i = 0; i < 200; i++) {
            deep = search.search(
                    new LogQuery(null, null, null, null, null, null, null, Long.parseLong(deep.nextBefore()), 100));
        }
        long deepCursor = Long.parseLong(deep.nextBefore());
        time(
                "page 202 (20,000 entries back)",
                () -> search.search(new LogQuery(null, null, null, null, null, null, null, deepCursor, 100)));
        long id = Long.parseLong(first.entries().get(50).id());
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            logs.find(id - i * 7919L);
        }
        System.out.printf("%-52s %9.1f%n", "one entry by id (average of 20)", (System.nanoTime() - start) / 20 / 1e6);
        exhaust(
                search,
                "text 'certificate has expired', all pages",
                q(null, null, null, null, "certificate has expired", null, null));
        exhaust(search, "configuration='jira 4', all pages", q(null, null, null, "jira 4", null, null, null));
    }

    private static LogQuery q(
            Set<LogLevel> levels,
            Set<String> modules,
            String plugin,
            String configuration,
            String text,
            Instant from,
            Instant to) {
        return new LogQuery(levels, modules, plugin, configuration, text, from, to, null, 100);
    }

    /** The first run (segments maybe not in the store's cache), then the median etc. of 31 after 2 more. */
    private static void time(String name, Supplier<LogPage> run) {
        long t0 = System.nanoTime();
        run.get();
        double first = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < 2; i++) {
            run.get();
        }
        int rounds = 31;
        double[] ms = new double[rounds];
        LogPage page = null;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            page = run.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf(
                "%-52s %8.1f %9.1f %9.1f %9.1f %8d %5s%n",
                name,
                first,
                ms[rounds / 2],
                ms[(int) Math.ceil(rounds * 0.95) - 1],
                ms[rounds - 1],
                page.entries().size(),
                page.more());
    }

    /** Each run a different hour, n days back: segments the previous runs did not bring into the cache. */
    private static void cold(LogSearch search, String name, java.util.function.IntFunction<LogQuery> daysBack) {
        int runs = 6;
        double[] ms = new double[runs];
        LogPage page = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            page = search.search(daysBack.apply(i + 1));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        java.util.Arrays.sort(ms);
        System.out.printf(
                "%-52s %8s %9.1f %9s %9.1f %8d %5s%n",
                name, "-", ms[runs / 2], "-", ms[runs - 1], page.entries().size(), page.more());
    }

    /** Follows nextBefore to the end: how many requests a sparse search takes, and their time. */
    private static void exhaust(LogSearch search, String name, LogQuery first) {
        LogQuery q = first;
        int requests = 0;
        int found = 0;
        double slowest = 0;
        long began = System.nanoTime();
        while (true) {
            long t = System.nanoTime();
            LogPage page = search.search(q);
            slowest = Math.max(slowest, (System.nanoTime() - t) / 1e6);
            requests++;
            found += page.entries().size();
            if (!page.more()) {
                break;
            }
            q = new LogQuery(
                    q.levels(),
                    q.modules(),
                    q.plugin(),
                    q.configuration(),
                    q.text(),
                    q.from(),
                    q.to(),
                    Long.parseLong(page.nextBefore()),
                    q.limit());
        }
        System.out.printf(
                "%-52s %,d entries in %d requests, %.0f ms in all, slowest request %.0f ms%n",
                name, found, requests, (System.nanoTime() - began) / 1e6, slowest);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return -1;
    }
}
