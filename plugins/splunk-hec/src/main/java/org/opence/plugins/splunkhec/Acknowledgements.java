package org.opence.plugins.splunkhec;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Indexer acknowledgement: the ackIds of a push's accepted requests, asked for on the push's channel
 * until each is {@code true} or the timeout has passed. An acknowledged request's events are accepted;
 * the others are left to be sent again (Splunk may still index them late: then they arrive twice).
 */
final class Acknowledgements {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final HecClient client;
    private final Duration timeout;
    private final String channel;
    private final Outcomes outcomes;
    private final Map<Long, Delivery.Range> pending = new LinkedHashMap<>();

    Acknowledgements(HecClient client, Duration timeout, String channel, Outcomes outcomes) {
        this.client = client;
        this.timeout = timeout;
        this.channel = channel;
        this.outcomes = outcomes;
    }

    void expect(long ackId, Delivery.Range range) {
        pending.put(ackId, range);
    }

    /**
     * Waits for the pending ackIds; afterwards each request's events are accepted or left to retry.
     *
     * @return why some were left to retry, or null when all were acknowledged
     */
    Stop await() throws InterruptedException {
        if (pending.isEmpty()) {
            return null;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE.toNanos();
        String lastProblem = null;
        while (true) {
            lastProblem = poll();
            if (pending.isEmpty()) {
                return null;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Thread.sleep(Math.max(1, Math.min(pause, left) / 1_000_000));
            pause = Math.min(pause * 3 / 2, LONGEST_PAUSE.toNanos());
        }
        int events = pending.values().stream().mapToInt(Delivery.Range::size).sum();
        Stop stop = Stop.ackTimeout(events, timeout.toSeconds(), lastProblem);
        pending.values().forEach(range -> outcomes.retry(range.from(), range.to(), stop.reason()));
        pending.clear();
        return stop;
    }

    /** One query; what went wrong with it, or null. */
    private String poll() throws InterruptedException {
        HecClient.AckStatus status;
        try {
            status = client.queryAcks(pending.keySet(), channel);
        } catch (IOException e) {
            return Failures.describe(e, client.url());
        }
        status.acks().forEach((id, done) -> {
            Delivery.Range range = done ? pending.remove(id) : null;
            if (range != null) {
                outcomes.accept(range.from(), range.to());
            }
        });
        return status.answer().status() == 200 ? null : status.answer().describe();
    }
}
