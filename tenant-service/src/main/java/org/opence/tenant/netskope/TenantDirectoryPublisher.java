package org.opence.tenant.netskope;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.RabbitBus;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the whole tenant directory on {@code ce.events} as {@code tenant.directory.snapshot}
 * ({@code {"tenants": [TenantRecord, ...]}}, sorted by name, tokens as stored ciphertext): once after
 * start-up and whenever a {@code tenant.directory.request} arrives, so core-service's copy is repaired
 * after anything it missed without reading the {@code tenants} collection.
 */
@ApplicationScoped
public class TenantDirectoryPublisher implements EventListener {

    private static final Logger LOG = Logger.getLogger(TenantDirectoryPublisher.class);
    public static final String SNAPSHOT = "tenant.directory.snapshot";
    public static final String REQUEST = "tenant.directory.request";

    private final TenantService tenants;
    private final RabbitBus bus;
    private final ObjectMapper mapper;

    public TenantDirectoryPublisher(TenantService tenants, RabbitBus bus, ObjectMapper mapper) {
        this.tenants = tenants;
        this.bus = bus;
        this.mapper = mapper;
    }

    /** Publishes on a thread of its own, so a slow broker never holds up start-up. */
    void onStart(@Observes StartupEvent start) {
        Thread thread = new Thread(() -> publishQuietly("start-up"), "tenant-directory-snapshot");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<String> eventTypes() {
        return List.of(REQUEST);
    }

    /** Answers a request; a failure goes back to the consumer, which retries and parks as for any event. */
    @Override
    public void on(Envelope event) throws Exception {
        publish();
    }

    /** Publishes the snapshot and waits for the broker's confirm. */
    public void publish() throws Exception {
        List<TenantRecord> records = tenants.records();
        Envelope snapshot = Envelope.of(SNAPSHOT, 1, "tenant-service", mapper.valueToTree(Map.of("tenants", records)));
        bus.publish(BusNames.EVENTS, SNAPSHOT, snapshot, false, null).get(10, TimeUnit.SECONDS);
        LOG.debugf("Published the tenant directory (%d tenants)", records.size());
    }

    private void publishQuietly(String reason) {
        try {
            publish();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.errorf(
                    e,
                    "Could not publish the tenant directory at %s; it goes out again when core-service asks (%s)",
                    reason,
                    REQUEST);
        }
    }
}
