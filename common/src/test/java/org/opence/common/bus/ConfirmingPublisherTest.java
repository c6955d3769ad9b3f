package org.opence.common.bus;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConfirmingPublisherTest {

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
    void shouldAdvanceTheCheckpointOnlyAfterTheBrokerConfirmed() throws Exception {
        // Given a queue that receives the data
        String queue = bus.queue("data");
        bus.topology.declareConsumerQueue(queue, BusNames.DATA, List.of("tenant.t1.alerts.#"), policy());
        AtomicLong checkpoint = new AtomicLong(0);

        // When a page is published and the checkpoint is moved in the confirm's continuation
        Envelope page = BusFixture.event("tenant.alerts.batch", "page 1");
        var confirmed = bus.publisher
                .publish(
                        bus.names.exchange(BusNames.DATA),
                        "tenant.t1.alerts.malware",
                        true,
                        bus.codec.properties(page, null),
                        bus.codec.encode(page))
                .thenRun(() -> checkpoint.set(1));

        // Then the checkpoint moves once the broker has the message, and the message is in the queue
        confirmed.get(5, TimeUnit.SECONDS);
        assertThat(checkpoint).hasValue(1);
        assertThat(bus.topology.messageCount(queue)).isEqualTo(1);
        assertThat(bus.publisher.outstanding()).isZero();
    }

    @Test
    void shouldFailAndKeepTheCheckpointWhenNoQueueWouldReceiveTheMessage() throws Exception {
        AtomicLong checkpoint = new AtomicLong(7);
        Envelope page = BusFixture.event("tenant.alerts.batch", "lost?");

        var result = bus.publisher
                .publish(
                        bus.names.exchange(BusNames.DATA),
                        "tenant.nobody.listens",
                        true,
                        bus.codec.properties(page, null),
                        bus.codec.encode(page))
                .thenRun(() -> checkpoint.set(8));

        Throwable thrown = catchThrowable(() -> result.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnroutableException.class);
        assertThat(checkpoint).hasValue(7);
    }

    @Test
    void shouldFailWhenTheExchangeDoesNotExistAndStillPublishAfterwards() throws Exception {
        String queue = bus.queue("after-error");
        bus.topology.declareConsumerQueue(queue, BusNames.EVENTS, List.of("after.error"), policy());
        Envelope page = BusFixture.event("x", "y");

        // When a publish goes to an exchange that does not exist, the broker closes the channel
        var failed = bus.publisher.publish(
                bus.names.exchange("no-such-exchange"),
                "k",
                false,
                bus.codec.properties(page, null),
                bus.codec.encode(page));

        Throwable thrown = catchThrowable(() -> failed.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).hasMessageContaining("channel closed before the broker confirmed");

        // Then the next publish on the same publisher still works
        bus.publisher
                .publish(
                        bus.names.exchange(BusNames.EVENTS),
                        "after.error",
                        true,
                        bus.codec.properties(page, null),
                        bus.codec.encode(page))
                .get(5, TimeUnit.SECONDS);
        assertThat(bus.topology.messageCount(queue)).isEqualTo(1);
    }

    private static RetryPolicy policy() {
        return new RetryPolicy(List.of(java.time.Duration.ofMillis(100)), 3);
    }
}
