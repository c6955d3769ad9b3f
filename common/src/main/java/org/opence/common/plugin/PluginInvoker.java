package org.opence.common.plugin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * Runs plugin calls so that a plugin that throws, hangs or returns garbage harms nothing but its own
 * configuration: each call runs on a daemon thread with a timeout, failures become the
 * configuration's health, and the caller gets an {@link Outcome} instead of an exception.
 */
public final class PluginInvoker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PluginInvoker.class);

    /** The result of a call: a value, or why there is none. */
    public record Outcome<T>(T value, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Checks a plugin's answer; returns null when it is acceptable, else what is wrong with it. */
    @FunctionalInterface
    public interface AnswerCheck<T> {
        String problem(T answer);
    }

    private final ExecutorService threads;
    private final Map<String, PluginHealth> health = new ConcurrentHashMap<>();

    public PluginInvoker() {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "plugin-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Calls the plugin for {@code configuration}, waiting at most {@code timeout}.
     *
     * @param check validates the answer (null for none); a refused answer counts as a failure
     */
    public <T> Outcome<T> call(String configuration, Duration timeout, Callable<T> call, AnswerCheck<T> check) {
        Instant start = Instant.now();
        Future<T> future = threads.submit(call);
        String error;
        try {
            T value = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String problem = check == null ? null : check.problem(value);
            if (problem == null) {
                health.compute(configuration, (k, h) -> (h == null ? PluginHealth.unknown() : h).succeeded(start));
                return new Outcome<>(value, null);
            }
            error = "the plugin returned an unusable answer: " + problem;
        } catch (TimeoutException e) {
            future.cancel(true);
            error = "the plugin did not answer within " + timeout.toSeconds() + " s and was stopped";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            error = "the plugin failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            error = "interrupted while waiting for the plugin";
        }
        String reason = error;
        health.compute(configuration, (k, h) -> (h == null ? PluginHealth.unknown() : h).failed(start, reason));
        LOG.warnf("Plugin call for configuration %s failed: %s", configuration, reason);
        return new Outcome<>(null, reason);
    }

    public PluginHealth health(String configuration) {
        return health.getOrDefault(configuration, PluginHealth.unknown());
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
