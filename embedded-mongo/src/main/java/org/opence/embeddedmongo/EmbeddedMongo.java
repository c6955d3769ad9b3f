package org.opence.embeddedmongo;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB-wire-protocol server backed by an H2 MVStore file, for running the suite on one machine
 * without installing MongoDB. It speaks enough of the protocol for the services' drivers; features
 * it lacks are listed in docs/architecture.md. Usage:
 *
 * <pre>java -jar embedded-mongo.jar --file data/mongo/opence.mv.db [--host 127.0.0.1] [--port 27117]</pre>
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedMongo.class.getName());

    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    public EmbeddedMongo(Path file, String host, int port) throws java.io.IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.backend = new H2Backend(file.toString());
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Stops accepting connections and writes everything to the file. */
    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        EmbeddedMongo mongo;
        try {
            mongo = new EmbeddedMongo(options.file(), options.host(), options.port());
        } catch (RuntimeException e) {
            System.err.println("embedded-mongo: cannot listen on " + options.host() + ":" + options.port() + " with "
                    + options.file() + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            mongo.close();
                            stopped.countDown();
                        },
                        "embedded-mongo-shutdown"));
        LOG.info(() -> "embedded-mongo listening on " + mongo.address().getHostString() + ":"
                + mongo.address().getPort() + ", data in " + options.file());
        stopped.await();
    }

    /** Command-line options. */
    record Options(Path file, String host, int port) {

        static Options parse(String[] args) {
            Path file = Path.of("data/mongo/opence.mv.db");
            String host = "127.0.0.1";
            int port = 27117;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--file" -> file = Path.of(require(args[i], value));
                    case "--host" -> host = require(args[i], value);
                    case "--port" -> port = Integer.parseInt(require(args[i], value));
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + args[i] + "; use --file FILE, --host HOST, --port PORT");
                }
                i++;
            }
            return new Options(file, host, port);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
