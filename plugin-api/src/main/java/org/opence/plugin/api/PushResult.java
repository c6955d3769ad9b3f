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
 * @param acknowledged true when the destination said it received the accepted items (an HTTP 2xx, a
 *     RELP or HEC acknowledgement); false when they were only written to a transport that says
 *     nothing (plain TCP or UDP syslog). The platform counts the two apart ("sent" and "written").
 * @param resent messages of earlier pushes this push sent again, because the connection they went out
 *     on was lost before the destination could have read them (they may arrive twice)
 */
public record PushResult(int accepted, List<FailedItem> failed, boolean retryable, boolean acknowledged, int resent) {

    public PushResult {
        if (accepted < 0 || resent < 0) {
            throw new IllegalArgumentException("accepted and resent cannot be negative");
        }
        failed = failed == null ? List.of() : List.copyOf(failed);
    }

    /** An acknowledged outcome, nothing resent. */
    public PushResult(int accepted, List<FailedItem> failed, boolean retryable) {
        this(accepted, failed, retryable, true, 0);
    }

    public static PushResult allAccepted(int count) {
        return new PushResult(count, List.of(), false);
    }

    /** The same outcome for items that were written to the transport but not acknowledged by the receiver. */
    public PushResult unacknowledged() {
        return new PushResult(accepted, failed, retryable, false, resent);
    }

    /** The same outcome, having also sent {@code count} messages of earlier pushes again. */
    public PushResult withResent(int count) {
        return new PushResult(accepted, failed, retryable, acknowledged, count);
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
