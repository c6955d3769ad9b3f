package org.opence.common.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import static org.assertj.core.api.Assertions.assertThat;

class LeasesTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> collection;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T06:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        collection = client.getDatabase("lease-test").getCollection("cls_leases");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldLetOneReplicaHoldALeaseUntilItExpires() {
        Leases first = new Leases(collection, "host-a/1", clock);
        Leases second = new Leases(collection, "host-b/2", clock);

        assertThat(first.acquire("pull:splunk", Duration.ofSeconds(30))).isTrue();
        assertThat(second.acquire("pull:splunk", Duration.ofSeconds(30))).isFalse();
        assertThat(first.acquire("pull:splunk", Duration.ofSeconds(30)))
                .as("the holder renews")
                .isTrue();

        // the holder dies: after the lease expires, another replica takes over
        now.set(now.get().plusSeconds(31));
        assertThat(second.acquire("pull:splunk", Duration.ofSeconds(30))).isTrue();
        assertThat(first.acquire("pull:splunk", Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void shouldFreeALeaseOnRelease() {
        Leases first = new Leases(collection, "host-a/1", clock);
        Leases second = new Leases(collection, "host-b/2", clock);
        first.acquire("job", Duration.ofMinutes(5));

        second.release("job");
        assertThat(second.acquire("job", Duration.ofMinutes(5)))
                .as("only the holder can release")
                .isFalse();

        first.release("job");
        assertThat(second.acquire("job", Duration.ofMinutes(5))).isTrue();
    }
}
