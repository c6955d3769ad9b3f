package org.opence.testsupport;

import java.net.InetSocketAddress;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Starts an in-memory MongoDB-wire store (mongo-java-server) on a free port for one test run and
 * points the service at it. Each run gets an empty database.
 */
public class EmbeddedMongoResource implements QuarkusTestResourceLifecycleManager {

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort();
        return Map.of(
                "ce.mongodb.uri", uri, "quarkus.mongodb.connection-string", uri, "ce.mongodb.database", "opence-test");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
