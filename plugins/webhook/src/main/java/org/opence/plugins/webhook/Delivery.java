package org.opence.plugins.webhook;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.opence.plugin.api.PluginHttpClient;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;

/**
 * Delivers one push: checks every item, groups the records into requests under the record and byte
 * limits, sends the requests one after the other in order, and keeps what became of each record. A
 * request refused as too large (413) is made again as smaller ones.
 * The first failure that may pass later stops the push: the receiver is unlikely to take the rest just
 * then, and the records stay in order.
 */
final class Delivery {

    /** One usable record: its index in the push and its JSON text in UTF-8. */
    record Item(int index, byte[] json) {}

    /**
     * Why the push stopped before every record was decided.
     *
     * @param code the log's error code
     */
    record Stop(String code, String reason) {}

    private final PluginHttpClient http;
    private final WebhookSettings settings;
    private final BodyShape.Frame frame;
    private final boolean[] decided;
    private final List<FailedItem> refused = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();
    private int next;
    private long byteLimit;
    private int accepted;
    private int tooLarge;
    private Stop stop;

    private Delivery(PluginHttpClient http, WebhookSettings settings, BodyShape.Frame frame, int count) {
        this.http = http;
        this.settings = settings;
        this.frame = frame;
        this.decided = new boolean[count];
        this.byteLimit = settings.maxBatchBytes();
    }

    static Delivery run(
            PluginHttpClient http, WebhookSettings settings, List<Object> transformed, String dataType, String subType)
            throws InterruptedException {
        Delivery delivery =
                new Delivery(http, settings, settings.bodyShape().frame(dataType, subType), transformed.size());
        delivery.check(transformed);
        while (delivery.stop == null && delivery.next < delivery.items.size()) {
            delivery.send(delivery.nextRequest());
        }
        return delivery;
    }

    /** Refuses items that are not one JSON value or that cannot fit into a request even alone. */
    private void check(List<Object> transformed) {
        for (int i = 0; i < transformed.size(); i++) {
            Object item = transformed.get(i);
            if (!(item instanceof String text)) {
                refuse(
                        i,
                        "is not text but "
                                + (item == null ? "null" : item.getClass().getSimpleName()));
                continue;
            }
            String problem = JsonText.problem(text);
            if (problem != null) {
                refuse(i, "is not valid JSON (" + problem + ")");
                continue;
            }
            // Raw line breaks in valid JSON are white space between tokens; NDJSON needs one line per record.
            String line = text.indexOf('\n') < 0 && text.indexOf('\r') < 0
                    ? text
                    : text.replace('\n', ' ').replace('\r', ' ');
            byte[] json = line.getBytes(StandardCharsets.UTF_8);
            long alone = frame.size(1, json.length);
            if (alone > settings.maxBatchBytes()) {
                refuse(
                        i,
                        "is " + json.length + " bytes; a request with it alone would be " + alone
                                + " bytes, more than maxBatchBytes (" + settings.maxBatchBytes() + ")");
                continue;
            }
            items.add(new Item(i, json));
        }
    }

    /** The next records in order, as many as fit the record limit and the current byte limit. */
    private List<Item> nextRequest() {
        int from = next;
        long bytes = 0;
        while (next < items.size() && next - from < settings.maxRecords()) {
            long withNext = bytes + items.get(next).json().length;
            if (next > from && frame.size(next - from + 1, withNext) > byteLimit) {
                break;
            }
            bytes = withNext;
            next++;
        }
        return items.subList(from, next);
    }

    /** Sends one request, the last one {@link #nextRequest} made; sets {@link #stop} when the push must stop. */
    private void send(List<Item> batch) throws InterruptedException {
        List<byte[]> records = batch.stream().map(Item::json).toList();
        byte[] body = frame.write(records);
        Answer answer;
        try {
            HttpResponse<String> response = http.send(Requests.batch(settings, body), Snippet.handler());
            answer = Answer.of(response, settings.method());
        } catch (IOException e) {
            stop = new Stop("WEBHOOK-CONNECT", Problems.describe(e, settings.url(), settings.timeout()));
            return;
        }
        switch (answer.verdict(settings.successCodes())) {
            case SUCCESS -> {
                batch.forEach(item -> decided[item.index()] = true);
                accepted += batch.size();
            }
            case TOO_LARGE -> tooLarge(batch, body.length, answer);
            case RETRY -> stop = new Stop("WEBHOOK-UNAVAILABLE", answer.describe(settings));
            case CONFIGURATION -> {
                boolean redirect = answer.location() != null || answer.changedMethod() != null;
                stop = new Stop(redirect ? "WEBHOOK-REDIRECT" : "WEBHOOK-AUTH", answer.describe(settings));
            }
            case REFUSED -> {
                String reason = answer.describe(settings);
                batch.forEach(item -> refuse(item.index(), reason));
            }
        }
    }

    /**
     * A 413: the records go again in requests of at most half the refused size, and the rest of the push
     * stays below that too, so not every later request is refused first. A record refused alone is parked.
     */
    private void tooLarge(List<Item> batch, int size, Answer answer) {
        tooLarge++;
        if (batch.size() == 1) {
            refuse(
                    batch.get(0).index(),
                    "the receiver refused it as too large even alone in a request of " + size + " bytes ("
                            + answer.describe(settings) + ")");
            return;
        }
        byteLimit = Math.min(byteLimit, size / 2);
        next -= batch.size();
    }

    private void refuse(int index, String reason) {
        decided[index] = true;
        refused.add(new FailedItem(index, null, reason));
    }

    /**
     * The outcome for the platform. Without a stop: the accepted count and the refused records (parked).
     * With one: every record not accepted is reported by index as retryable, the refused ones too (the
     * result has one retryable flag): they are refused again on the retry and parked then.
     */
    PushResult result() {
        if (stop == null) {
            return new PushResult(accepted, refused, false);
        }
        if (accepted == 0 && refused.isEmpty()) {
            return PushResult.retryLater(stop.reason());
        }
        List<FailedItem> failed = new ArrayList<>(refused);
        for (int i = 0; i < decided.length; i++) {
            if (!decided[i]) {
                failed.add(new FailedItem(i, null, stop.reason()));
            }
        }
        failed.sort(Comparator.comparingInt(FailedItem::index));
        return new PushResult(accepted, failed, true);
    }

    Stop stop() {
        return stop;
    }

    List<FailedItem> refused() {
        return List.copyOf(refused);
    }

    /** How many requests the receiver refused as too large (413). */
    int tooLarge() {
        return tooLarge;
    }

    long byteLimit() {
        return byteLimit;
    }
}
