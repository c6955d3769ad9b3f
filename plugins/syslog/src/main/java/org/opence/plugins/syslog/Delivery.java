package org.opence.plugins.syslog;

import java.util.ArrayList;
import java.util.List;

import org.opence.plugin.api.PushResult.FailedItem;

/**
 * What became of one push on the wire: how many messages went out, which items could not be turned
 * into a message, how many were cut to fit, and the transport failure if there was one.
 */
final class Delivery {

    /** A transport failure: what the user reads, and whether it happened before anything was sent. */
    record Failure(String reason, boolean connecting) {}

    int sent;
    /** Messages of earlier pushes sent again on a new connection after a loss (they may arrive twice). */
    int resent;
    /** Whether the receiver acknowledged the sent messages (RELP) or they were only written (TCP, TLS, UDP). */
    boolean acknowledged;
    /** What happened to connections during this push, for the log: closes, resets, stalls. */
    final List<String> lossEvents = new ArrayList<>();
    /** RELP: indexes of messages neither answered nor refused when the push gave up (to retry later). */
    final List<Integer> unanswered = new ArrayList<>();

    final List<FailedItem> unusable = new ArrayList<>();
    int truncated;
    int firstTruncated = -1;
    Failure failure;

    void truncatedAt(int index) {
        if (truncated++ == 0) {
            firstTruncated = index;
        }
    }
}
