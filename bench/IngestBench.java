import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Ingest benchmark, run by {@code scripts/bench ingest} against a suite it started: announces that a
 * module needs every event type of the tenant "bench", counts the records arriving on ce.data (from the
 * batch headers, so the counter costs little) until everything the simulator holds has arrived, and
 * prints records/s, MiB/s and the CPU and RSS of core-service over the run.
 *
 * Arguments: AMQP URI, bus prefix, simulator URL, core-service pid.
 */
public final class IngestBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVENT_TYPES = List.of(
            "alert", "application", "audit", "connection", "incident", "infrastructure", "network", "page", "endpoint");

    public static void main(String[] args) throws Exception {
        String amqp = args[0];
        String prefix = args[1];
        String simUrl = args[2];
        long corePid = Long.parseLong(args[3]);

        long expected = 0;
        JsonNode streams = get(simUrl + "/sim/stats").path("streams");
        for (String type : EVENT_TYPES) {
            expected += streams.path("events." + type).path("available").asLong();
        }
        System.out.printf("simulator holds %,d event records over %d types%n", expected, EVENT_TYPES.size());

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        try (Connection connection = factory.newConnection("ingest-bench")) {
            Channel channel = connection.createChannel();
            String queue = prefix + "bench.tap." + UUID.randomUUID().toString().substring(0, 6);
            channel.queueDeclare(queue, false, true, true, null);
            channel.queueBind(queue, prefix + "ce.data", "tenant.bench.#");
            channel.basicQos(200);
            AtomicLong records = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            AtomicLong messages = new AtomicLong();
            channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                        String tag, Envelope envelope, com.rabbitmq.client.AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    Object n = props.getHeaders() == null ? null : props.getHeaders().get("records");
                    records.addAndGet(n instanceof Number num ? num.longValue() : 0);
                    bytes.addAndGet(body.length);
                    messages.incrementAndGet();
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                }
            });

            long cpu0 = cpuTicks(corePid);
            long t0 = System.nanoTime();
            announceNeeds(channel, prefix);
            long last = 0;
            long lastT = t0;
            long peakRss = 0;
            long firstAt = 0;
            while (records.get() < expected) {
                Thread.sleep(5000);
                long now = System.nanoTime();
                long r = records.get();
                if (firstAt == 0 && r > 0) {
                    firstAt = now;
                }
                peakRss = Math.max(peakRss, rssKb(corePid));
                System.out.printf(
                        "  %5.0f s  %,12d records  %,9.0f records/s (last 5 s)%n",
                        (now - t0) / 1e9, r, (r - last) / ((now - lastT) / 1e9));
                last = r;
                lastT = now;
                if ((now - t0) / 1e9 > 1800) {
                    System.out.println("stopped after 30 minutes without getting everything");
                    break;
                }
            }
            long t1 = System.nanoTime();
            long cpu1 = cpuTicks(corePid);
            double seconds = (t1 - firstAt) / 1e9;
            long total = records.get();
            double cpuSeconds = (cpu1 - cpu0) / 100.0;
            System.out.printf(
                    "FIGURES ingest: %,d records (%,d messages, %.1f MiB) in %.1f s from the first record: %,.0f records/s, %.1f MiB/s;"
                            + " core-service CPU %.1f s (%.0f %% of one core), peak RSS %d MiB%n",
                    total,
                    messages.get(),
                    bytes.get() / 1048576.0,
                    seconds,
                    total / seconds,
                    bytes.get() / 1048576.0 / seconds,
                    cpuSeconds,
                    100 * cpuSeconds / ((t1 - t0) / 1e9),
                    peakRss / 1024);
            announce(channel, prefix, List.of());
        }
    }

    private static void announceNeeds(Channel channel, String prefix) throws IOException {
        List<Map<String, String>> needs = new ArrayList<>();
        for (String type : EVENT_TYPES) {
            needs.add(Map.of("tenant", "bench", "kind", "events", "subtype", type));
        }
        announce(channel, prefix, needs);
    }

    private static void announce(Channel channel, String prefix, List<Map<String, String>> needs) throws IOException {
        Map<String, Object> envelope = Map.of(
                "type", "ingest.needs.changed",
                "schemaVersion", 1,
                "id", UUID.randomUUID().toString(),
                "time", Instant.now().toString(),
                "source", "bench",
                "payload", Map.of("module", "bench", "needs", needs, "at", Instant.now().toString()));
        channel.basicPublish(
                prefix + "ce.events", "ingest.needs.changed", null, JSON.writeValueAsBytes(envelope));
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
