package org.opence.mapping.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

import org.opence.mapping.DataType;
import org.opence.mapping.MappingDefaults;
import org.opence.mapping.SampleRecords;
import org.opence.mapping.format.MappingFormatter;
import org.opence.mapping.format.RecordFormatter;
import org.opence.mapping.query.Query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Formats realistic Netskope records with the shipped {@code default-cef} (and, for comparison,
 * {@code splunk} JSON and a business-rule query) on one thread and prints records per second. Not a
 * test: run it by hand (command in the module README). Argument: number of records (default 1,000,000).
 */
public final class CefFormatBenchmark {

    private static final int DISTINCT = 10_000;

    private CefFormatBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<Sample> samples = samples();
        MappingFormatter cef =
                MappingFormatter.compile(MappingDefaults.get("default-cef").orElseThrow());
        MappingFormatter splunk =
                MappingFormatter.compile(MappingDefaults.get("splunk").orElseThrow());
        Query rule = Query.parse("{\"$or\": [{\"severity\": {\"$in\": [\"high\", \"critical\"]}},"
                + " {\"cci\": {\"$lt\": 50}}], \"user\": {\"$regex\": \"@example\\\\.com$\", \"$options\": \"i\"}}");
        ObjectMapper mapper = new ObjectMapper();
        List<byte[]> raw = new ArrayList<>();
        for (Sample s : samples) {
            raw.add(mapper.writeValueAsBytes(s.record));
        }
        System.out.printf(
                "%,d records, %,d distinct, %d alert subtypes + %d event types, avg CEF line %d bytes%n",
                n,
                DISTINCT,
                DataType.ALERTS.subtypes().size(),
                DataType.EVENTS.subtypes().size(),
                averageLength(cef, samples));
        for (int round = 1; round <= 3; round++) {
            System.out.printf("round %d%n", round);
            report("CEF, format into a reused StringBuilder", n, () -> formatOnly(cef, samples, n));
            report("CEF, format + UTF-8 bytes", n, () -> formatBytes(cef, samples, n));
            report(
                    "CEF, parse JSON bytes + format + UTF-8 bytes",
                    n,
                    () -> parseAndFormat(mapper, cef, samples, raw, n));
            report("JSON (splunk), format + UTF-8 bytes", n, () -> formatBytes(splunk, samples, n));
            report("query ($or/$in/$lt/$regex) evaluation", n, () -> query(rule, samples, n));
        }
    }

    private record Sample(JsonNode record, DataType type, String subtype) {}

    private interface Run {
        long run() throws Exception;
    }

    /**
     * Prints records per wall-clock second and per CPU second of this thread: on a shared machine the
     * first swings with other load, the second does not.
     */
    private static void report(String what, int n, Run run) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long sink = run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(
                "  %-46s %,10.0f records/s wall  %,10.0f records/CPU-s  (%.2f s, CPU %.2f s, check %d)%n",
                what, n / seconds, n / cpuSeconds, seconds, cpuSeconds, sink % 1000);
    }

    private static long formatOnly(MappingFormatter f, List<Sample> samples, int n) {
        StringBuilder sb = new StringBuilder(2048);
        long total = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i % DISTINCT);
            RecordFormatter formatter = f.forType(s.type, s.subtype).orElseThrow();
            sb.setLength(0);
            formatter.format(s.record, sb);
            total += sb.length();
        }
        return total;
    }

    private static long formatBytes(MappingFormatter f, List<Sample> samples, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i % DISTINCT);
            total += f.forType(s.type, s.subtype).orElseThrow().formatBytes(s.record).length;
        }
        return total;
    }

    private static long parseAndFormat(
            ObjectMapper mapper, MappingFormatter f, List<Sample> samples, List<byte[]> raw, int n) throws Exception {
        long total = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i % DISTINCT);
            JsonNode record = mapper.readTree(raw.get(i % DISTINCT));
            total += f.forType(s.type, s.subtype).orElseThrow().formatBytes(record).length;
        }
        return total;
    }

    private static long query(Query rule, List<Sample> samples, int n) {
        long matched = 0;
        for (int i = 0; i < n; i++) {
            if (rule.matches(samples.get(i % DISTINCT).record)) {
                matched++;
            }
        }
        return matched;
    }

    private static int averageLength(MappingFormatter f, List<Sample> samples) {
        long total = 0;
        for (Sample s : samples) {
            total += f.forType(s.type, s.subtype).orElseThrow().formatBytes(s.record).length;
        }
        return (int) (total / samples.size());
    }

    /** Records of every subtype with varying users, addresses, ids, severities and a few hostile values. */
    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>(DISTINCT);
        String[] severities = {"low", "medium", "high", "critical", "info"};
        for (int i = 0; i < DISTINCT; i++) {
            DataType type = i % 3 == 0 ? DataType.EVENTS : DataType.ALERTS;
            List<String> subtypes = type.subtypes();
            String subtype = subtypes.get((i / 3) % subtypes.size());
            ObjectNode r = SampleRecords.of(type, subtype);
            r.put("_id", Long.toHexString(0x5eed_0000_0000L + i * 7919L));
            r.put("timestamp", 1_717_000_000L + i);
            r.put("user", "user" + i + "@example.com");
            r.put("srcip", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            r.put("severity", severities[i % severities.length]);
            r.put("transaction_id", SampleRecords.BIG_ID + i);
            r.put("cci", i % 100);
            if (i % 10 == 0) {
                r.put("url", "https://files.example.com/share?id=" + i + "&next=a=b|c\\d");
            }
            samples.add(new Sample(r, type, subtype));
        }
        return samples;
    }
}
