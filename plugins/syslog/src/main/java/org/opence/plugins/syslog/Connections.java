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
            String caCertificate,
            String clientCertificate,
            String clientKey) {

        static Key of(String configurationName, SyslogSettings settings) {
            return new Key(
                    configurationName,
                    settings.host(),
                    settings.port(),
                    settings.protocol(),
                    settings.verifyTls(),
                    settings.caCertificate(),
                    settings.clientCertificate(),
                    settings.clientKey());
        }
    }

    private final Map<Key, Connection> open = new ConcurrentHashMap<>();
    /** The resend windows of TCP and TLS configurations, kept across connections (and idle closes). */
    private final Map<String, ResendWindow> windows = new ConcurrentHashMap<>();
    /** A window unused this long is forgotten (its configuration was deleted or changed long ago). */
    private static final long WINDOW_KEEP_NANOS = TimeUnit.HOURS.toNanos(1);

    private final Duration stallTimeout;
    private final long idleNanos;
    private final long stallNanos;
    private final int connectTimeoutMillis;
    private final long sweepMillis;
    private final ScheduledThreadPoolExecutor sweeper;
    private ScheduledFuture<?> sweeping;
    private ScheduledFuture<?> watching;

    Connections(Duration idleTimeout, Duration stallTimeout, Duration connectTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.stallTimeout = stallTimeout;
        this.stallNanos = stallTimeout.toNanos();
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.sweepMillis = Math.max(10, Math.min(500, Math.min(idleTimeout.toMillis(), stallTimeout.toMillis()) / 4));
        // two threads: the sweep (idle closes, stall aborts) never waits for the watch (reconnects)
        this.sweeper = new ScheduledThreadPoolExecutor(2, runnable -> {
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
            Connection connection = open.computeIfAbsent(key, k -> create(configurationName, settings));
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

    private Connection create(String configurationName, SyslogSettings settings) {
        if (settings.protocol() == Protocol.UDP) {
            return new DatagramConnection(settings);
        }
        if (settings.protocol().relp()) {
            return new RelpConnection(settings, connectTimeoutMillis, stallTimeout, settings.relpWindow());
        }
        long capacity = settings.resendWindowKib() * 1024L;
        ResendWindow window = windows.compute(
                configurationName, (k, w) -> w == null || w.capacity() != capacity ? new ResendWindow(capacity) : w);
        return new StreamConnection(settings, connectTimeoutMillis, stallTimeout, window);
    }

    private synchronized void startSweeping() {
        if (sweeping == null) {
            sweeping = sweeper.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            watching = sweeper.scheduleWithFixedDelay(this::watch, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Looks after the connections no push is using: a closed one is replaced and its window sent again. */
    private void watch() {
        long now = System.nanoTime();
        open.forEach((key, connection) -> {
            if (connection.lock.tryLock()) {
                try {
                    if (!connection.retired) {
                        connection.watch(now);
                    }
                } catch (RuntimeException e) {
                    // a connection the watcher cannot look after is left to the next push
                } finally {
                    connection.lock.unlock();
                }
            }
        });
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
        windows.values().removeIf(w -> now - w.lastUsedNanos > WINDOW_KEEP_NANOS);
        synchronized (this) {
            if (open.isEmpty() && windows.isEmpty() && sweeping != null) {
                sweeping.cancel(false);
                sweeping = null;
                watching.cancel(false);
                watching = null;
            }
        }
    }
}
