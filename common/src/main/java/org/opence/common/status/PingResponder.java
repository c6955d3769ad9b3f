package org.opence.common.status;

import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.PermanentFailure;
import org.opence.common.bus.RabbitBus;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Answers every {@code system.ping} with a {@code system.pong} naming this service and its version. */
@ApplicationScoped
public class PingResponder implements EventListener {

    private final RabbitBus bus;
    private final ServiceIdentity identity;
    private final ObjectMapper mapper;

    public PingResponder(RabbitBus bus, ServiceIdentity identity, ObjectMapper mapper) {
        this.bus = bus;
        this.identity = identity;
        this.mapper = mapper;
    }

    @Override
    public List<String> eventTypes() {
        return List.of(SystemEvents.PING);
    }

    @Override
    public void on(Envelope event) throws Exception {
        SystemEvents.Ping ping = mapper.treeToValue(event.payload(), SystemEvents.Ping.class);
        if (ping == null || ping.pingId() == null) {
            throw new PermanentFailure("a system.ping without pingId cannot be answered");
        }
        var pong = new SystemEvents.Pong(ping.pingId(), identity.name(), identity.version(), identity.instance());
        Envelope reply = Envelope.of(SystemEvents.PONG, 1, identity.name(), mapper.valueToTree(pong));
        bus.publish(BusNames.EVENTS, SystemEvents.PONG, reply, false, SystemEvents.TTL_MILLIS)
                .get(5, TimeUnit.SECONDS);
    }
}
