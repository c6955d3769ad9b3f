package org.opence.plugin.api;

import java.util.List;

/**
 * The outcome of a push: how many items the destination accepted and which it refused, with why.
 * Refused items are parked by the platform with their reason; accepted ones are never sent again.
 *
 * @param accepted items the destination took
 * @param failed items it refused
 * @param retryable true when the whole push failed for a reason that may pass (5xx, timeout): the
 *     platform retries it later instead of parking
 */
public record PushResult(int accepted, List<FailedItem> failed, boolean retryable) {

    public PushResult {
        if (accepted < 0) {
            throw new IllegalArgumentException("accepted cannot be negative");
        }
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    public static PushResult allAccepted(int count) {
        return new PushResult(count, List.of(), false);
    }

    public static PushResult retryLater(String reason) {
        return new PushResult(0, List.of(new FailedItem(-1, null, reason)), true);
    }

    /**
     * One refused item.
     *
     * @param index its position in the pushed list ({@code -1} for the whole push)
     * @param id its id or value when it has one
     * @param reason why the destination refused it
     */
    public record FailedItem(int index, String id, String reason) {}
}
