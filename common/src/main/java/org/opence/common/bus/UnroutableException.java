package org.opence.common.bus;

/** A mandatory message reached no queue: nobody would ever consume it, so the publish failed. */
public class UnroutableException extends RuntimeException {
    public UnroutableException(String messageId) {
        super("message " + messageId + " was returned by the broker: no queue is bound for its routing key");
    }
}
