package org.opence.common.bus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RetryingConsumerTest {

    private static final RetryPolicy FAST = new RetryPolicy(List.of(Duration.ofMillis(100), Duration.ofMillis(300)), 3);

    private BusFixture bus;

    @BeforeEach
    void setUp() throws Exception {
        bus = new BusFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        bus.close();
    }

    @Test
    void shouldRetryAFailedDeliveryUntilTheHandlerSucceeds() throws Exception {
        // Given a handler that fails twice, then succeeds
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        RetryingConsumer consumer = bus.consume("flaky", "thing.happened", FAST, e -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("destination down");
            }
            handled.add(e.payload().get("text").asText());
        });

        // When one message arrives
        bus.publishEvent("thing.happened", BusFixture.event("thing.happened", "hello"));

        // Then it is handled once, on the third delivery, and nothing is parked
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);
        assertThat(handled).containsExactly("hello");
        assertThat(calls).hasValue(3);
        assertThat(bus.count(consumer.queue(), "retried")).isEqualTo(2);
        assertThat(bus.count(consumer.queue(), "acked")).isEqualTo(1);
        assertThat(bus.topology.messageCount(BusNames.parkingQueue(consumer.queue())))
                .isZero();
    }

    @Test
    void shouldParkAMessageWithItsReasonWhenRetriesRunOut() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RetryingConsumer consumer = bus.consume("broken", "thing.happened", FAST, e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("HTTP 503 from the SIEM");
        });

        bus.publishEvent("thing.happened", BusFixture.event("thing.happened", "doomed"));

        String parked = BusNames.parkingQueue(consumer.queue());
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.topology.messageCount(parked) == 1);
        assertThat(calls).hasValue(3);
        GetResponse message = getParked(parked);
        assertThat(message.getProps().getHeaders().get(BusHeaders.ATTEMPTS)).isEqualTo(3);
        assertThat(message.getProps().getHeaders().get(BusHeaders.LAST_ERROR).toString())
                .isEqualTo("IllegalStateException: HTTP 503 from the SIEM");
        assertThat(message.getProps()
                        .getHeaders()
                        .get(BusHeaders.ORIGINAL_ROUTING_KEY)
                        .toString())
                .isEqualTo("thing.happened");
        assertThat(bus.codec.decode(message.getBody()).payload().get("text").asText())
                .isEqualTo("doomed");
    }

    @Test
    void shouldParkAtOnceWhenTheHandlerSaysRetryingCannotHelp() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RetryingConsumer consumer = bus.consume("strict", "thing.happened", FAST, e -> {
            calls.incrementAndGet();
            throw new PermanentFailure("field 'severity' must be one of low, medium, high");
        });

        bus.publishEvent("thing.happened", BusFixture.event("thing.happened", "bad"));

        String parked = BusNames.parkingQueue(consumer.queue());
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.topology.messageCount(parked) == 1);
        assertThat(calls).hasValue(1);
        assertThat(getParked(parked)
                        .getProps()
                        .getHeaders()
                        .get(BusHeaders.LAST_ERROR)
                        .toString())
                .contains("severity");
    }

    @Test
    void shouldParkAnUnreadableMessageWithoutCallingTheHandler() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RetryingConsumer consumer = bus.consume("poison", "thing.happened", FAST, e -> calls.incrementAndGet());

        bus.publisher
                .publish(
                        bus.names.exchange(BusNames.EVENTS),
                        "thing.happened",
                        true,
                        new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                                .messageId("poison-1")
                                .build(),
                        "{not json".getBytes())
                .get();

        String parked = BusNames.parkingQueue(consumer.queue());
        await().atMost(Duration.ofSeconds(5)).until(() -> bus.topology.messageCount(parked) == 1);
        assertThat(calls).hasValue(0);
        assertThat(getParked(parked)
                        .getProps()
                        .getHeaders()
                        .get(BusHeaders.LAST_ERROR)
                        .toString())
                .startsWith("unreadable message");
    }

    @Test
    void shouldDeliverAgainWhatAnOperatorReplaysFromTheParkingQueue() throws Exception {
        // Given a message parked while the destination was down
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        RetryingConsumer consumer = bus.consume("replayable", "thing.happened", FAST, e -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("down");
            }
            handled.add(e.id());
        });
        Envelope event = BusFixture.event("thing.happened", "later");
        bus.publishEvent("thing.happened", event);
        String parked = BusNames.parkingQueue(consumer.queue());
        await().atMost(Duration.ofSeconds(10)).until(() -> bus.topology.messageCount(parked) == 1);

        // When the operator replays it
        int replayed =
                new ParkingLot(bus.connection, bus.publisher, Duration.ofSeconds(5)).replay(consumer.queue(), 10);

        // Then it is delivered again, with the same id, and the parking queue is empty
        assertThat(replayed).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 1);
        assertThat(handled).containsExactly(event.id());
        assertThat(bus.topology.messageCount(parked)).isZero();
    }

    private GetResponse getParked(String parked) throws Exception {
        try (var channel = bus.connection.createChannel()) {
            GetResponse response = channel.basicGet(parked, false);
            assertThat(response).as("a parked message").isNotNull();
            channel.basicNack(response.getEnvelope().getDeliveryTag(), false, true);
            return response;
        }
    }
}
