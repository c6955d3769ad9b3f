package org.opence.simulator.splunk.ack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AckRegistryTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AckRegistry acks = new AckRegistry(now::get, Duration.ofSeconds(2));

    @Test
    void shouldCountAckIdsFromZeroPerChannel() {
        assertThat(acks.register("a", false)).isZero();
        assertThat(acks.register("a", false)).isEqualTo(1);
        assertThat(acks.register("b", false)).isZero();
    }

    @Test
    void shouldTurnTrueAfterTheDelayThenBeReleased() {
        long id = acks.register("a", false);

        now.addAndGet(1999);
        assertThat(acks.query("a", List.of(id))).isEqualTo(Map.of("0", false));
        now.addAndGet(1);
        assertThat(acks.query("a", List.of(id))).isEqualTo(Map.of("0", true));
        assertThat(acks.query("a", List.of(id))).isEqualTo(Map.of("0", false));
    }

    @Test
    void shouldNeverTurnALostRequestTrue() {
        long lost = acks.register("a", true);
        long kept = acks.register("a", false);

        now.addAndGet(Duration.ofDays(1).toMillis());

        assertThat(acks.query("a", List.of(lost, kept))).containsExactly(Map.entry("0", false), Map.entry("1", true));
    }

    @Test
    void shouldAnswerFalseForUnknownIdsAndChannels() {
        acks.register("a", false);
        now.addAndGet(5000);

        assertThat(acks.query("a", List.of(5L))).isEqualTo(Map.of("5", false));
        assertThat(acks.query("b", List.of(0L))).isEqualTo(Map.of("0", false));
    }
}
