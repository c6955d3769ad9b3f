package org.opence.common.logs;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogBufferTest {

    private static LogEntry notice(long count) {
        return LogEntry.error(Logs.DROPPED_CODE, count + " dropped", null, null);
    }

    @Test
    void shouldDropAndCountEntriesWhenFullInsteadOfBlocking() {
        LogBuffer buffer = new LogBuffer(3);

        for (int i = 0; i < 5; i++) {
            buffer.offer(LogEntry.of(LogLevel.info, "entry " + i));
        }

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.droppedTotal()).isEqualTo(2);
    }

    @Test
    void shouldReportTheDropsOnceInTheNextBatch() {
        LogBuffer buffer = new LogBuffer(2);
        for (int i = 0; i < 4; i++) {
            buffer.offer(LogEntry.of(LogLevel.info, "entry " + i));
        }

        LogBuffer.Drained first = buffer.drain(10, LogBufferTest::notice);
        buffer.offer(LogEntry.of(LogLevel.info, "later"));
        LogBuffer.Drained second = buffer.drain(10, LogBufferTest::notice);

        assertThat(first.entries()).extracting(LogEntry::message).containsExactly("2 dropped", "entry 0", "entry 1");
        assertThat(first.reported()).isEqualTo(2);
        assertThat(first.written()).isEqualTo(2);
        assertThat(second.entries()).extracting(LogEntry::message).containsExactly("later");
        assertThat(second.reported()).isZero();
    }

    @Test
    void shouldCountAnUndeliveredBatchAgainWithTheDropsItReported() {
        LogBuffer buffer = new LogBuffer(1);
        buffer.offer(LogEntry.of(LogLevel.info, "kept"));
        buffer.offer(LogEntry.of(LogLevel.info, "dropped"));
        LogBuffer.Drained undelivered = buffer.drain(10, LogBufferTest::notice);

        buffer.dropped(undelivered.lostIfUndelivered());

        assertThat(buffer.drain(10, LogBufferTest::notice).entries())
                .extracting(LogEntry::message)
                .containsExactly("2 dropped");
        assertThat(buffer.droppedTotal()).isEqualTo(3); // 1 when full, then the 2 of the lost batch
    }

    @Test
    void shouldTakeAtMostABatchOfEntriesOldestFirst() {
        LogBuffer buffer = new LogBuffer(10);
        for (int i = 0; i < 5; i++) {
            buffer.offer(LogEntry.of(LogLevel.info, "entry " + i));
        }

        List<LogEntry> batch = buffer.drain(2, LogBufferTest::notice).entries();

        assertThat(batch).extracting(LogEntry::message).containsExactly("entry 0", "entry 1");
        assertThat(buffer.size()).isEqualTo(3);
    }

    @Test
    void shouldCutOverlongFieldsAndKnowTheLevelsOrder() {
        LogEntry entry = LogEntry.of(LogLevel.warning, "x".repeat(LogEntry.MAX_MESSAGE + 50));

        assertThat(entry.message()).hasSize(LogEntry.MAX_MESSAGE).endsWith("…");
        assertThat(LogLevel.error.atLeast(LogLevel.warning)).isTrue();
        assertThat(LogLevel.info.atLeast(LogLevel.warning)).isFalse();
        assertThat(LogLevel.parse("WARN")).isEqualTo(LogLevel.warning);
        assertThat(Logs.moduleOf("tenant-service")).isEqualTo("tenant");
    }
}
