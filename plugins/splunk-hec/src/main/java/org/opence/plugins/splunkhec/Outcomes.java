package org.opence.plugins.splunkhec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;

/**
 * What became of each item of a push: accepted, refused for good (parked by the platform), or to be
 * sent again later. Items start undecided; an item still undecided at the end counts as to be sent
 * again, so nothing is reported accepted without HEC having said so.
 */
final class Outcomes {

    private enum State {
        OPEN,
        ACCEPTED,
        REFUSED,
        RETRY
    }

    private final State[] states;
    private final String[] reasons;
    private String retryReason;

    Outcomes(int count) {
        this.states = new State[count];
        this.reasons = new String[count];
        Arrays.fill(states, State.OPEN);
    }

    void accept(int from, int to) {
        for (int i = from; i < to; i++) {
            states[i] = State.ACCEPTED;
        }
    }

    void refuse(int index, String reason) {
        states[index] = State.REFUSED;
        reasons[index] = reason;
    }

    /** Marks the open items of {@code [from, to)} to be sent again; the first reason given names the push. */
    void retry(int from, int to, String reason) {
        for (int i = from; i < to; i++) {
            if (states[i] == State.OPEN) {
                states[i] = State.RETRY;
                reasons[i] = reason;
            }
        }
        if (retryReason == null) {
            retryReason = reason;
        }
    }

    int accepted() {
        int count = 0;
        for (State state : states) {
            if (state == State.ACCEPTED) {
                count++;
            }
        }
        return count;
    }

    int refused() {
        int count = 0;
        for (State state : states) {
            if (state == State.REFUSED) {
                count++;
            }
        }
        return count;
    }

    /** The first refusal's reason, for the log. */
    String firstRefusal() {
        for (int i = 0; i < states.length; i++) {
            if (states[i] == State.REFUSED) {
                return "item " + i + ": " + reasons[i];
            }
        }
        return null;
    }

    /**
     * The push's result. With nothing accepted or refused and everything to be sent again, it is
     * {@link PushResult#retryLater}; with items to be sent again next to accepted or refused ones, it
     * lists them all, those to be sent again first, and is retryable (a refused item is then tried
     * once more with the others, and refused again).
     */
    PushResult result() {
        retry(0, states.length, retryReason == null ? "not delivered" : retryReason);
        int accepted = accepted();
        int refused = refused();
        boolean retryable = accepted + refused < states.length;
        if (retryable && accepted == 0 && refused == 0) {
            return PushResult.retryLater(retryReason);
        }
        // The items to send again first: a platform reads the first failed item's reason as the push's.
        List<FailedItem> failed = new ArrayList<>();
        add(failed, State.RETRY);
        add(failed, State.REFUSED);
        return new PushResult(accepted, failed, retryable);
    }

    private void add(List<FailedItem> failed, State state) {
        for (int i = 0; i < states.length; i++) {
            if (states[i] == state) {
                failed.add(new FailedItem(i, null, reasons[i]));
            }
        }
    }
}
