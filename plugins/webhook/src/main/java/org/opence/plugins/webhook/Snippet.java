package org.opence.plugins.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body to its end but keeps only its first bytes, as one line for a reason or a log
 * line: a receiver's error page can be large, and only its start says what went wrong. Reading to the
 * end lets the HTTP client reuse the connection.
 */
final class Snippet implements HttpResponse.BodySubscriber<String> {

    static final int LIMIT = 300;

    private final CompletableFuture<String> body = new CompletableFuture<>();
    private final byte[] kept = new byte[LIMIT * 4];
    private int size;
    private boolean cut;

    private Snippet() {}

    static HttpResponse.BodyHandler<String> handler() {
        return info -> new Snippet();
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), kept.length - size);
            buffer.get(kept, size, take);
            size += take;
            cut |= buffer.hasRemaining();
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(oneLine(new String(kept, 0, size, StandardCharsets.UTF_8), cut));
    }

    /** {@code text} with its white space collapsed and cut to {@link #LIMIT} characters. */
    static String oneLine(String text, boolean cutAlready) {
        String line = text.replaceAll("\\s+", " ").strip();
        boolean longer = line.length() > LIMIT;
        if (longer) {
            line = line.substring(0, LIMIT);
        }
        return longer || cutAlready ? line + "…" : line;
    }
}
