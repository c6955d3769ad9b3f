package org.opence.common.bus;

/**
 * Thrown by a message handler when retrying cannot help (the message is malformed, or refers to
 * something that no longer exists). The message is parked at once with this reason.
 */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
