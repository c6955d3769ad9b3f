package org.opence.common.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.EventListener;
import org.opence.common.bus.RabbitBus;
import org.opence.common.plugin.ModulePlugins;
import org.opence.common.status.ServiceIdentity;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * In a module service: announces the module's whole set of tenant data needs on {@code ce.events}
 * at start-up, whenever a contributor's input changed, and when core-service asks. Every announcement
 * is the complete set, so a lost or repeated one is repaired by the next.
 */
@ApplicationScoped
public class NeedsAnnouncer implements EventListener {

    private static final Logger LOG = Logger.getLogger(NeedsAnnouncer.class);
    private static final Comparator<IngestNeeds.Need> ORDER = Comparator.comparing(IngestNeeds.Need::tenant)
            .thenComparing(IngestNeeds.Need::kind)
            .thenComparing(IngestNeeds.Need::subtype);

    private final ModulePlugins plugins;
    private final Instance<TenantDataNeeds> contributors;
    private final RabbitBus bus;
    private final ObjectMapper mapper;
    private final ServiceIdentity identity;

    public NeedsAnnouncer(
            ModulePlugins plugins,
            Instance<TenantDataNeeds> contributors,
            RabbitBus bus,
            ObjectMapper mapper,
            ServiceIdentity identity) {
        this.plugins = plugins;
        this.contributors = contributors;
        this.bus = bus;
        this.mapper = mapper;
        this.identity = identity;
    }

    void onStart(@Observes StartupEvent start) {
        if (plugins.module().isPresent()) {
            Thread thread = new Thread(() -> announceQuietly("start-up"), "needs-announcer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void onChange(@Observes NeedsChanged change) {
        announceQuietly(change.reason());
    }

    @Override
    public List<String> eventTypes() {
        return plugins.module().isPresent() ? List.of(IngestNeeds.REQUEST) : List.of();
    }

    @Override
    public void on(Envelope event) throws Exception {
        announce();
    }

    /** The module's current needs, from every contributor. */
    public List<IngestNeeds.Need> current() {
        Set<IngestNeeds.Need> all = new TreeSet<>(ORDER);
        for (TenantDataNeeds contributor : contributors) {
            all.addAll(contributor.needs());
        }
        return new ArrayList<>(all);
    }

    void announce() throws Exception {
        String module = plugins.module().orElseThrow().name().toLowerCase();
        var announcement = new IngestNeeds.Announcement(module, current(), Instant.now());
        Envelope envelope = Envelope.of(IngestNeeds.CHANGED, 1, identity.name(), mapper.valueToTree(announcement));
        bus.publish(BusNames.EVENTS, IngestNeeds.CHANGED, envelope, false, null).get(10, TimeUnit.SECONDS);
    }

    private void announceQuietly(String reason) {
        if (plugins.module().isEmpty()) {
            return;
        }
        try {
            announce();
        } catch (Exception e) {
            LOG.warnf(
                    "Could not announce this module's tenant data needs (%s): %s; core-service asks again when it starts",
                    reason, e.getMessage());
        }
    }
}
