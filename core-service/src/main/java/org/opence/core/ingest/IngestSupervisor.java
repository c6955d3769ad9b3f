package org.opence.core.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.bus.BusNames;
import org.opence.common.bus.Envelope;
import org.opence.common.bus.RabbitBus;
import org.opence.common.config.CeConfig;
import org.opence.common.ingest.IngestNeeds;
import org.opence.common.logs.LogWriter;
import org.opence.common.logs.Logs;
import org.opence.common.plugin.OutboundHttp;
import org.opence.common.secret.Secrets;
import org.opence.common.status.ServiceIdentity;
import org.opence.common.store.Leases;
import org.opence.common.store.Store;
import org.opence.core.CoreConfig;
import org.opence.core.notification.Notifications;
import org.opence.core.system.InstallationStore;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;

/**
 * Runs the tenant ingest: every tick it computes the streams some module needs (from
 * {@link NeedsRegistry}) for tenants that exist (from {@link TenantDirectory}), takes or renews each
 * stream's lease in {@code ingest_leases} (one replica pulls a stream), starts a {@link StreamPuller}
 * for each stream it holds and stops the others. It also pauses all pulling while the free disk space
 * under the data directory is low.
 */
@ApplicationScoped
public class IngestSupervisor implements IngestContext {

    private static final Logger LOG = Logger.getLogger(IngestSupervisor.class);
    static final String DISK_NOTIFICATION = "ingest.disk-low";

    private final CoreConfig.Ingest settings;
    private final TenantDirectory directory;
    private final NeedsRegistry needs;
    private final Checkpoints checkpoints;
    private final IngestMetrics metrics;
    private final RabbitBus bus;
    private final Secrets secrets;
    private final Notifications notifications;
    private final DiskSpace disk;
    private final InstallationStore installation;
    private final ServiceIdentity identity;
    private final ObjectMapper mapper;
    private final Path dataDir;
    private final Leases leases;
    private final PageTranscoder transcoder;
    private final MalformedElements malformed;
    private final CeConfig ce;
    private final Logs logs;
    private final OutboundHttp outbound;
    /** The platform's client without retries: the puller handles 429 and 5xx itself. */
    private final OutboundHttp.Profile calls;

    private final Map<StreamKey, StreamPuller> pullers = new ConcurrentHashMap<>();
    /** Streams stopped by a 401/403, with the tenant version that was refused. */
    private final Map<StreamKey, java.time.Instant> refused = new ConcurrentHashMap<>();

    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    });
    private ScheduledExecutorService ticker;
    private volatile String pauseReason;
    private volatile String index;

    public IngestSupervisor(
            CoreConfig config,
            CeConfig ce,
            TenantDirectory directory,
            NeedsRegistry needs,
            Checkpoints checkpoints,
            IngestMetrics metrics,
            RabbitBus bus,
            Secrets secrets,
            Notifications notifications,
            DiskSpace disk,
            InstallationStore installation,
            ServiceIdentity identity,
            ObjectMapper mapper,
            Store store,
            Logs logs,
            MalformedElements malformed,
            OutboundHttp outbound) {
        this.settings = config.ingest();
        this.outbound = outbound;
        this.calls =
                new OutboundHttp.Profile(Duration.ofSeconds(10), settings.requestTimeout(), 0, Duration.ZERO, true);
        this.malformed = malformed;
        this.logs = logs;
        this.directory = directory;
        this.needs = needs;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.bus = bus;
        this.secrets = secrets;
        this.notifications = notifications;
        this.disk = disk;
        this.installation = installation;
        this.identity = identity;
        this.mapper = mapper;
        this.dataDir = Path.of(ce.dataDir());
        this.leases = new Leases(store.collection("ingest_leases"), identity.instance(), Clock.systemUTC());
        this.transcoder = new PageTranscoder(identity.name(), settings.batchRecords());
        this.ce = ce;
    }

    void onStart(@Observes StartupEvent start) {
        // ask the owners to tell us again: tenants (tenant-service) and needs (module services)
        ask(TenantDirectory.REQUEST);
        ask(IngestNeeds.REQUEST);
        if (!settings.enabled()) {
            LOG.info("Tenant ingest is turned off on this replica (core.ingest.enabled=false)");
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-supervisor");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tickSafely, 1, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ask(String type) {
        try {
            bus.publish(
                    BusNames.EVENTS,
                    type,
                    Envelope.of(type, 1, identity.name(), mapper.createObjectNode()),
                    false,
                    null);
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish %s: %s", type, e.getMessage());
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (Exception e) {
            LOG.warnf(e, "Ingest supervisor tick failed; next tick in %s", settings.tick());
        }
    }

    void tick() {
        checkDisk();
        Map<StreamKey, Set<String>> wanted = needs.streams();
        Map<String, TenantDirectory.Tenant> tenants = new java.util.HashMap<>();
        directory.all().forEach(t -> tenants.put(t.name(), t));
        for (StreamKey key : wanted.keySet()) {
            TenantDirectory.Tenant tenant = tenants.get(key.tenant());
            if (tenant == null) {
                continue; // shown as "no such tenant" by the status
            }
            java.time.Instant refusedVersion = refused.get(key);
            if (refusedVersion != null) {
                if (!tenant.updatedAt().isAfter(refusedVersion)) {
                    leases.acquire(lease(key), settings.leaseTtl()); // keep it: nobody else should retry either
                    continue;
                }
                refused.remove(key); // the tenant changed (new token?): try again
                notifications.resolve(refusalKey(key));
            }
            boolean mine = leases.acquire(lease(key), settings.leaseTtl());
            StreamPuller current = pullers.get(key);
            if (mine && (current == null || current.finished())) {
                StreamPuller puller = new StreamPuller(key, this);
                pullers.put(key, puller);
                threads.submit(() -> {
                    Thread.currentThread().setName("ingest-" + key.id());
                    puller.run();
                });
                LOG.infof("Pulling %s (needed by %s)", key.id(), String.join(", ", wanted.get(key)));
            } else if (!mine && current != null && !current.stopping()) {
                current.stop();
                LOG.infof("Another replica took %s over", key.id());
            }
        }
        for (var entry : pullers.entrySet()) {
            StreamKey key = entry.getKey();
            StreamPuller puller = entry.getValue();
            if (wanted.containsKey(key) && tenants.containsKey(key.tenant())) {
                continue;
            }
            if (!puller.stopping()) {
                puller.stop();
                LOG.infof("Stopping %s: no module needs it any more", key.id());
            }
            if (puller.finished()) {
                // only now may another replica (or a later need) start it again
                pullers.remove(key, puller);
                leases.release(lease(key));
                checkpoints.state(key, "idle", null, 0, owner());
            }
        }
    }

    private void checkDisk() {
        long freeMb = disk.usableBytes(dataDir) / (1024 * 1024);
        boolean low = freeMb < settings.minFreeDiskMb();
        if (low && pauseReason == null) {
            pauseReason = "free disk space under " + dataDir + " is " + freeMb + " MiB, below the "
                    + settings.minFreeDiskMb() + " MiB minimum (core.ingest.min-free-disk-mb)";
            LOG.errorf("Pulling paused: %s", pauseReason);
            logs.error(
                    "INGEST-DISK-LOW",
                    "Tenant ingest paused: free disk space is low",
                    pauseReason,
                    "Free some space under " + dataDir + " (or raise the disk); pulling resumes by itself and"
                            + " nothing is lost.");
            notifications.raise(
                    DISK_NOTIFICATION,
                    Notifications.Severity.error,
                    true,
                    "ingest",
                    "Tenant ingest paused: " + pauseReason
                            + ". Free some space; pulling resumes by itself, nothing is lost.");
        } else if (!low && pauseReason != null) {
            LOG.infof("Pulling resumed: %d MiB free under %s", freeMb, dataDir);
            logs.info("Tenant ingest resumed: " + freeMb + " MiB free under " + dataDir);
            pauseReason = null;
            notifications.resolve(DISK_NOTIFICATION);
        }
        metrics.paused(low);
    }

    private static String lease(StreamKey key) {
        return "ingest:" + key.id();
    }

    static String refusalKey(StreamKey key) {
        return "ingest.refused:" + key.id();
    }

    /** Streams this replica pulls now. */
    Set<StreamKey> running() {
        return Set.copyOf(pullers.keySet());
    }

    Map<StreamKey, Set<String>> wanted() {
        return needs.streams();
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        pullers.values().forEach(StreamPuller::stop);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pullers.keySet().forEach(k -> leases.release(lease(k)));
    }

    // ---- IngestContext ----

    @Override
    public CoreConfig.Ingest settings() {
        return settings;
    }

    @Override
    public Checkpoints checkpoints() {
        return checkpoints;
    }

    @Override
    public TenantDirectory directory() {
        return directory;
    }

    @Override
    public IngestMetrics metrics() {
        return metrics;
    }

    @Override
    public RabbitBus bus() {
        return bus;
    }

    @Override
    public PageTranscoder transcoder() {
        return transcoder;
    }

    @Override
    public MalformedElements malformed() {
        return malformed;
    }

    @Override
    public NetskopeClient client(TenantDirectory.Tenant tenant) {
        return new NetskopeClient(
                outbound.client(calls, tenant.useSystemProxy()),
                settings.requestTimeout(),
                ce.dev().allowHttpTenantOnLoopback());
    }

    /**
     * The iterator index of a tenant: this installation and the tenant's name in it, so two
     * installations, or two Open CE tenants pointing at the same Netskope tenant, never take each
     * other's pages.
     */
    @Override
    public String indexName(String tenant) {
        String i = index;
        if (i == null) {
            i = "opence_" + shortId(installation.installation().id());
            index = i;
        }
        return i + "_" + tenant.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String shortId(String id) {
        String clean = id.replaceAll("[^A-Za-z0-9]", "");
        return clean.substring(0, Math.min(12, clean.length()));
    }

    @Override
    public String owner() {
        return identity.instance();
    }

    @Override
    public String source() {
        return identity.name();
    }

    @Override
    public String decrypt(String ciphertext) {
        return secrets.box().decrypt(ciphertext);
    }

    @Override
    public LogWriter logs() {
        return logs;
    }

    @Override
    public boolean paused() {
        return pauseReason != null;
    }

    @Override
    public String pauseReason() {
        return pauseReason;
    }

    @Override
    public void refused(StreamKey key, String message) {
        TenantDirectory.Tenant tenant = directory.find(key.tenant()).orElse(null);
        refused.put(key, tenant == null ? java.time.Instant.EPOCH : tenant.updatedAt());
        logs.error(
                "INGEST-REFUSED",
                "Tenant " + key.tenant() + ": stopped pulling " + key.kind() + "/" + key.subtype(),
                message,
                "Fix the token on the Netskope tenant (or give it the scope named), then save the tenant in"
                        + " Open CE again: the stream restarts by itself.");
        notifications.raise(
                refusalKey(key),
                Notifications.Severity.error,
                false,
                "ingest",
                "Tenant " + key.tenant() + ": stopped pulling " + key.kind() + "/" + key.subtype() + ": " + message);
    }
}
