package org.opence.simulator.netskope.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

    @Test
    void shouldPlaceHistoryBeforeTheStartAndLiveRecordsAfterIt() {
        Timeline t = new Timeline(1_000, 2_000, 0.3, 2.5);

        assertThat(t.available(2_000)).isEqualTo(300);
        assertThat(t.timestamp(0)).isEqualTo(1_000);
        assertThat(t.timestamp(299)).isLessThan(2_000);
        assertThat(t.timestamp(300)).isEqualTo(2_000);
        assertThat(t.available(2_010.5)).isEqualTo(300 + 26);
    }

    @Test
    void shouldNeverHandOutARecordFromTheFuture() {
        Timeline t = new Timeline(0, 100, 0.7, 3.3);
        for (double now = 100; now < 130; now += 0.37) {
            long available = t.available(now);
            assertThat(t.timestamp(available - 1)).isLessThanOrEqualTo((long) Math.floor(now));
        }
    }

    @Test
    void shouldCountRecordsBeforeAnEpochConsistentlyWithTheirTimestamps() {
        Timeline t = new Timeline(0, 500, 0.37, 1.9);
        long total = t.available(900);
        for (long epoch = -5; epoch < 900; epoch += 7) {
            long before = t.countBefore(epoch);
            long expected = 0;
            for (long n = 0; n < total; n++) {
                if (t.timestamp(n) < epoch) {
                    expected++;
                }
            }
            assertThat(before).as("records before %d", epoch).isEqualTo(expected);
        }
    }

    @Test
    void shouldStopAtTheHistoryWhenTheLiveRateIsZero() {
        Timeline t = new Timeline(0, 100, 2, 0);

        assertThat(t.available(10_000)).isEqualTo(200);
        assertThat(t.countBefore(5_000)).isEqualTo(200);
    }
}
