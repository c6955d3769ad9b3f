package org.opence.simulator.netskope.data;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFactoryTest {

    private static final StreamKey MALWARE = new StreamKey(StreamKey.Family.ALERTS, "malware");
    private static final StreamKey PAGE = new StreamKey(StreamKey.Family.EVENTS, "page");

    @Test
    void shouldBuildTheSameRecordsFromTheSameSeed() {
        RecordFactory a = new RecordFactory(11, new Population(11, 50));
        RecordFactory b = new RecordFactory(11, new Population(11, 50));

        for (long n = 0; n < 200; n++) {
            assertThat(a.create(MALWARE, n, 1_700_000_000L)).isEqualTo(b.create(MALWARE, n, 1_700_000_000L));
        }
    }

    @Test
    void shouldBuildDifferentRecordsFromAnotherSeed() {
        Map<String, Object> a = new RecordFactory(11, new Population(11, 50)).create(MALWARE, 3, 0);
        Map<String, Object> b = new RecordFactory(12, new Population(12, 50)).create(MALWARE, 3, 0);

        assertThat(a.get("_id")).isNotEqualTo(b.get("_id"));
        assertThat(a.get("sha256")).isNotEqualTo(b.get("sha256"));
    }

    @Test
    void shouldGiveEveryRecordAUniqueIdAcrossStreams() {
        RecordFactory f = new RecordFactory(5, new Population(5, 20));
        Set<Object> ids = new HashSet<>();
        for (long n = 0; n < 20_000; n++) {
            assertThat(ids.add(f.create(PAGE, n, 0).get("_id"))).isTrue();
            assertThat(ids.add(f.create(MALWARE, n, 0).get("_id"))).isTrue();
        }
    }

    @Test
    void shouldDrawUsersFromTheStablePopulation() {
        Population population = new Population(5, 20);
        RecordFactory f = new RecordFactory(5, population);
        Set<String> emails = new HashSet<>();
        population.users().forEach(u -> emails.add(u.email()));

        for (long n = 0; n < 500; n++) {
            assertThat(emails).contains((String) f.create(PAGE, n, 0).get("user"));
        }
        assertThat(emails).hasSize(20);
    }

    @Test
    void shouldCarry64BitIdsAbove2To53() {
        Map<String, Object> r = new RecordFactory(1, new Population(1, 5)).create(MALWARE, 0, 0);

        for (String field : new String[] {"transaction_id", "app_session_id", "connection_id"}) {
            assertThat((Long) r.get(field)).isGreaterThan(1L << 53);
        }
    }

    @Test
    void shouldWriteHexDigitsExactlyAsFormatDoes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            long v = random.nextLong();
            assertThat(RecordFactory.hex(v, 16)).isEqualTo(String.format("%016x", v));
            assertThat(RecordFactory.hex(v >>> 32, 8)).isEqualTo(String.format("%08x", (int) (v >>> 32)));
        }
        assertThat(RecordFactory.hex(0, 8)).isEqualTo("00000000");
    }
}
