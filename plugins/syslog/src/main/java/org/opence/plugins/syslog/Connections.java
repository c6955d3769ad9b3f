package org.opence.plugins.syslog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The open connections of one plugin instance, one per configuration. The instance serves every
 * configuration of the plugin, so connections are kept by the configuration's name together with the
 * settings that shape the transport: a configuration whose host, port, protocol or trust changes gets
 * a new connection and its old one is closed once idle.
 *
 * <p>While any connection is open, a daemon thread looks every few hundred milliseconds for
 * connections unused longer than the idle timeout (closed) and for writes blocked longer than the
 * stall timeout (aborted, so the push fails instead of hanging on a server that takes nothing). The
 * thread ends when the last connection is closed.
 */
final class Connections {

    /** What identifies a connection: the configuration and what its transport depends on. */
    record Key(
            String configurationName,
            String host,
            int port,
            Protocol protocol,
            boolean verifyTls,
            String caCertificate) {

        static Key of(String configurationName, SyslogSettings settings) {
            return new Key(
                    configurationName,
                    settings.host(),
                    settings.port(),
                    settings.protocol(),
                    settings.verifyTls(),
                    settings.caCertificate());
        }
    }

    private final Map<Key, Connection> open = new ConcurrentHashMap<>();
    private final Duration stallTimeout;
    private final long idleNanos;
    private final long stallNanos;
    private final int connectTimeoutMillis;
    private final long sweepMillis;
    private final ScheduledThreadPoolExecutor sweeper;
    private ScheduledFuture<?> sweeping;

    Connections(Duration idleTimeout, Duration stallTimeout, Duration connectTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.stallTimeout = stallTimeout;
        this.stallNanos = stallTimeout.toNanos();
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.sweepMillis = Math.max(10, Math.min(500, Math.min(idleTimeout.toMillis(), stallTimeout.toMillis()) / 4));
        this.sweeper = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "syslog-plugin-connections");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.setKeepAliveTime(5, TimeUnit.SECONDS);
        sweeper.allowCoreThreadTimeOut(true);
        sweeper.setRemoveOnCancelPolicy(true);
    }

    int connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** The configuration's connection, locked for the caller; give it back with {@link #release}. */
    Connection acquire(String configurationName, SyslogSettings settings) {
        Key key = Key.of(configurationName, settings);
        while (true) {
            Connection connection = open.computeIfAbsent(key, k -> create(settings));
            connection.lock.lock();
            if (!connection.retired) {
                startSweeping();
                return connection;
            }
            connection.lock.unlock();
        }
    }

    void release(Connection connection) {
        connection.lastUsedNanos = System.nanoTime();
        connection.lock.unlock();
    }

    /** How many connections are open (for tests). */
    int size() {
        return open.size();
    }

    private Connection create(SyslogSettings settings) {
        return settings.protocol() == Protocol.UDP
                ? new DatagramConnection(settings)
                : new StreamConnection(settings, connectTimeoutMillis, stallTimeout);
    }

    private synchronized void startSweeping() {
        if (sweeping == null) {
            sweeping = sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        open.forEach((key, connection) -> {
            if (connection.abortIfStalled(stallNanos, now)) {
                return;
            }
            if (now - connection.lastUsedNanos > idleNanos && connection.lock.tryLock()) {
                try {
                    if (now - connection.lastUsedNanos > idleNanos) {
                        connection.retired = true;
                        open.remove(key, connection);
                        connection.close();
                    }
                } finally {
                    connection.lock.unlock();
                }
            }
        });
        synchronized (this) {
            if (open.isEmpty() && sweeping != null) {
                sweeping.cancel(false);
                sweeping = null;
            }
        }
    }
}
