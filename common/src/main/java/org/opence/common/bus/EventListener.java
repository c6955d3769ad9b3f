package org.opence.common.bus;

import java.util.List;

/**
 * A CDI bean implementing this receives the domain events of the given types from {@code ce.events}.
 * All listeners of a service share its durable queue {@code <service>.events}; retries and parking
 * apply as for any consumer, so a listener must be idempotent.
 */
public interface EventListener {

    /** Event types (routing keys on {@code ce.events}) this listener wants. */
    List<String> eventTypes();

    void on(Envelope event) throws Exception;
}
