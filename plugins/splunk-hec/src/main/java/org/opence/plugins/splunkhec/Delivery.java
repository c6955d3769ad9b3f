package org.opence.plugins.splunkhec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PushResult;

/**
 * One push: the events go in requests whose bodies stay under {@code batchBytes}, in order; each
 * answer decides what became of the request's events.
 *
 * <ul>
 *   <li>200: accepted (with acknowledgement on: once the indexers acknowledged the request).
 *   <li>400 with {@code invalid-event-number} (codes 6, 12, 13, 15): HEC indexed the events before the
 *       refused one and none after it; those before are accepted, the refused one is refused with HEC's
 *       text, and sending goes on from the next one.
 *   <li>413: the request is split in halves and those are sent; later requests are made smaller too. A
 *       single event that is still too large is refused.
 *   <li>Anything else (token, busy, server errors, configuration, no connection): sending stops and
 *       every event not yet accepted is left for the platform to send again.
 * </ul>
 */
final class Delivery {

    private final PluginContext context;
    private final HecSettings settings;
    private final HecClient client;
    private final String channel;
    private final byte[][] events;
    private final Outcomes outcomes;
    private final Acknowledgements acks;
    /** Ranges to send before going on at {@link #cursor}: the halves of a split request, the rest after a refusal. */
    private final Deque<Range> again = new ArrayDeque<>();

    private int cursor;
    private int limit;
    private int split;
    private boolean ackMissing;

    /** A run of events, sent as one request. */
    record Range(int from, int to) {
        int size() {
            return to - from;
        }
    }

    /**
     * @param channel the request channel, or null when acknowledgement is off
     */
    Delivery(PluginContext context, HecSettings settings, HecClient client, String channel, List<Object> items) {
        this.context = context;
        this.settings = settings;
        this.client = client;
        this.channel = channel;
        this.events = new byte[items.size()][];
        this.outcomes = new Outcomes(items.size());
        this.acks = new Acknowledgements(client, settings.ackTimeout(), channel, outcomes);
        this.limit = settings.batchBytes();
        for (int i = 0; i < events.length; i++) {
            if (items.get(i) instanceof String event) {
                events[i] = event.getBytes(StandardCharsets.UTF_8);
            } else {
                outcomes.refuse(i, "not a HEC event made by this plugin's transform (" + type(items.get(i)) + ")");
            }
        }
    }

    PushResult run() throws InterruptedException {
        Range range;
        while ((range = next()) != null) {
            if (!send(range)) {
                break;
            }
        }
        Stop unacknowledged = acks.await();
        if (unacknowledged != null) {
            log(unacknowledged);
        }
        report();
        return outcomes.result();
    }

    /** Sends one request; false when sending must stop. */
    private boolean send(Range range) throws InterruptedException {
        byte[] body = body(range);
        byte[] encoded = client.encode(body);
        HecAnswer answer;
        try {
            answer = client.postEvents(encoded, channel);
        } catch (IOException e) {
            return stop(range, Stop.transport(Failures.describe(e, settings.url())));
        }
        if (answer.success()) {
            if (channel != null && answer.ackId() != null) {
                acks.expect(answer.ackId(), range);
            } else {
                ackMissing |= channel != null;
                outcomes.accept(range.from(), range.to());
            }
            return true;
        }
        if (answer.status() == 413) {
            tooLarge(range, body.length, encoded.length, answer);
            return true;
        }
        if (answer.eventRefused()) {
            return refused(range, answer);
        }
        if (answer.status() == 400
                && answer.hasCode(HecAnswer.INVALID_DATA_FORMAT)
                && answer.invalidEventNumber() == null
                && range.size() > 1) {
            // Which event is bad is not said: halving finds it (events before it may arrive twice).
            halve(range);
            return true;
        }
        if (answer.status() == 400 && answer.hasCode(HecAnswer.INVALID_DATA_FORMAT)) {
            outcomes.refuse(range.from(), "Splunk HEC refused this event: " + answer.describe());
            return true;
        }
        if (answer.hasCode(HecAnswer.INCORRECT_INDEX) && answer.invalidEventNumber() != null) {
            int before = Math.min(Math.max(answer.invalidEventNumber(), 0), range.size());
            outcomes.accept(range.from(), range.from() + before);
            range = new Range(range.from() + before, range.to());
        }
        return stop(range, Stop.of(answer, settings));
    }

    private boolean refused(Range range, HecAnswer answer) {
        int position = answer.invalidEventNumber();
        if (position < 0 || position >= range.size()) {
            return stop(
                    range,
                    new Stop(
                            "the collector answered " + answer.describe() + " naming event " + position
                                    + " of a request of " + range.size() + " events",
                            Stop.SERVER,
                            "Report this answer to the Splunk administrators; the records are sent again later."));
        }
        int bad = range.from() + position;
        outcomes.accept(range.from(), bad);
        outcomes.refuse(
                bad,
                "Splunk HEC refused this event: " + answer.describe() + ", invalid-event-number " + position
                        + " (the events before it were indexed)");
        if (bad + 1 < range.to()) {
            again.push(new Range(bad + 1, range.to()));
        }
        return true;
    }

    private void tooLarge(Range range, int bodyBytes, int sentBytes, HecAnswer answer) {
        if (range.size() == 1) {
            outcomes.refuse(
                    range.from(),
                    "the event is " + bodyBytes + " bytes (" + sentBytes + " sent), more than the collector takes in"
                            + " one request (" + answer.describe() + "): raise max_content_length in Splunk's"
                            + " limits.conf [http_input]");
            return;
        }
        split++;
        limit = Math.max(HecSettings.MIN_BATCH_BYTES, Math.min(limit, bodyBytes / 2));
        halve(range);
    }

    private void halve(Range range) {
        int middle = range.from() + range.size() / 2;
        again.push(new Range(middle, range.to()));
        again.push(new Range(range.from(), middle));
    }

    private boolean stop(Range range, Stop stop) {
        outcomes.retry(range.from(), range.to(), stop.reason());
        log(stop);
        return false;
    }

    private void log(Stop stop) {
        context.logger()
                .error(
                        "Delivery to Splunk HEC stopped; the records not accepted are sent again later.",
                        stop.errorCode(),
                        stop.reason(),
                        stop.resolution());
    }

    /** The next request's events: a pending range first, else as many new events as fit into the limit. */
    private Range next() {
        if (!again.isEmpty()) {
            return again.pop();
        }
        while (cursor < events.length && events[cursor] == null) {
            cursor++;
        }
        if (cursor >= events.length) {
            return null;
        }
        int from = cursor;
        long bytes = 0;
        while (cursor < events.length
                && events[cursor] != null
                && (cursor == from || bytes + events[cursor].length + 1 <= limit)) {
            bytes += events[cursor].length + 1;
            cursor++;
        }
        return new Range(from, cursor);
    }

    /** The events one after the other, each on its own line (HEC allows whitespace between objects). */
    private byte[] body(Range range) {
        int size = 0;
        for (int i = range.from(); i < range.to(); i++) {
            size += events[i].length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (int i = range.from(); i < range.to(); i++) {
            out.write(events[i], 0, events[i].length);
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void report() {
        if (split > 0) {
            context.logger()
                    .warn(split + " request(s) were larger than the collector takes (413) and were split. Lower"
                            + " 'batchBytes' to Splunk's max_content_length (now sent in requests of at most "
                            + limit + " bytes).");
        }
        if (ackMissing) {
            context.logger()
                    .warn("Indexer acknowledgement is on, but the collector gave no ackId: the token has"
                            + " acknowledgement off, so the events count as delivered on the 200 alone. Turn it on"
                            + " for the token in Splunk, or turn 'useAck' off here.");
        }
        int refused = outcomes.refused();
        if (refused > 0) {
            context.logger()
                    .warn(refused + " record(s) were refused and are parked (first: " + outcomes.firstRefusal() + ").");
        }
    }

    private static String type(Object item) {
        return item == null ? "null" : item.getClass().getSimpleName();
    }
}
