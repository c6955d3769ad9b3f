package org.opence.core.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.ConfigProvider;
import org.opence.testsupport.RabbitBroker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * A consumer of {@code ce.data} as a module would be: a durable queue of its own bound to one tenant's
 * routing keys, acknowledging after it counted. Counts every record, the distinct {@code _id}s per
 * stream, and ignores a message it already counted (same message id, redelivered after a broker
 * restart), so duplicates it reports come from the ingest, not from the tap.
 */
final class DataTap implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, Set<String>> ids = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
    final Set<String> messages = ConcurrentHashMap.newKeySet();
    final Set<String> problems = ConcurrentHashMap.newKeySet();
    private final Connection connection;
    private final Channel channel;
    private final String queue;

    DataTap(String tenant) throws IOException {
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        connection = RabbitBroker.connect("data-tap-" + tenant);
        channel = connection.createChannel();
        queue = prefix + "test.tap." + tenant + "."
                + UUID.randomUUID().toString().substring(0, 6);
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueBind(queue, prefix + "ce.data", "tenant." + tenant + ".#");
        channel.basicQos(50);
        channel.basicConsume(queue, false, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(
                    String tag, Envelope envelope, com.rabbitmq.client.AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                count(envelope.getRoutingKey(), props.getMessageId(), body);
                getChannel().basicAck(envelope.getDeliveryTag(), false);
            }
        });
    }

    private void count(String routingKey, String messageId, byte[] body) throws IOException {
        if (!messages.add(messageId)) {
            return;
        }
        JsonNode envelope = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        JsonNode payload = envelope.path("payload");
        String stream =
                payload.path("kind").asText() + "." + payload.path("subtype").asText();
        if (!"tenant.data".equals(envelope.path("type").asText())
                || !routingKey.endsWith("." + stream)
                || payload.path("count").asInt() != payload.path("records").size()) {
            problems.add(
                    "bad envelope on " + routingKey + ": " + envelope.path("type") + " count " + payload.path("count"));
        }
        Set<String> seen = ids.computeIfAbsent(stream, s -> ConcurrentHashMap.newKeySet());
        for (JsonNode record : payload.path("records")) {
            seen.add(record.path("_id").asText());
            records.computeIfAbsent(stream, s -> new AtomicLong()).incrementAndGet();
            record.fields().forEachRemaining(f -> {
                if (f.getValue().isIntegralNumber() && f.getKey().endsWith("_id")) {
                    problems.add(stream + ": " + f.getKey() + " is a number, not a string");
                }
            });
        }
    }

    long distinct(String stream) {
        Set<String> s = ids.get(stream);
        return s == null ? 0 : s.size();
    }

    long total(String stream) {
        AtomicLong n = records.get(stream);
        return n == null ? 0 : n.get();
    }

    long totalAll() {
        return records.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void close() throws Exception {
        try {
            channel.queueDelete(queue);
        } finally {
            connection.close();
        }
    }
}
