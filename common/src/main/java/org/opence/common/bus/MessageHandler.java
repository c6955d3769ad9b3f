package org.opence.common.bus;

/**
 * Handles one message. Returning normally acknowledges it, so return only once its effect is durable
 * (stored, or accepted by the destination). Throwing sends it to retry; throwing
 * {@link PermanentFailure} parks it at once.
 */
@FunctionalInterface
public interface MessageHandler {
    void handle(Envelope envelope) throws Exception;
}
