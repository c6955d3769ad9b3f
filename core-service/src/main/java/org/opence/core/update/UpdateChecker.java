package org.opence.core.update;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.logs.Logs;
import org.opence.common.plugin.ModulePlugins;
import org.opence.common.plugin.PlatformHttpClient;
import org.opence.common.settings.PlatformSettings;
import org.opence.common.settings.SettingsApplied;
import org.opence.common.status.ServiceIdentity;
import org.opence.core.notification.Notifications;
import org.opence.plugin.api.SemanticVersion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * When the settings turn it on, reads the release feed every {@code intervalHours} (through the
 * settings' proxy and TLS choices) and raises the notification {@code update.available} when the
 * feed names a newer version than this one. Off by default; while off it makes no request at all.
 */
@ApplicationScoped
public class UpdateChecker {

    private static final Logger LOG = Logger.getLogger(UpdateChecker.class);
    static final String NOTIFICATION = "update.available";

    /** The last check, for the status. */
    public record LastCheck(Instant at, String latest, boolean newer, String error) {}

    private final ModulePlugins plugins;
    private final Notifications notifications;
    private final ServiceIdentity identity;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "update-check");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> scheduled;
    private PlatformSettings.UpdateCheck active;
    private volatile LastCheck last;

    private final Logs logs;

    public UpdateChecker(
            ModulePlugins plugins,
            Notifications notifications,
            ServiceIdentity identity,
            ObjectMapper mapper,
            Logs logs) {
        this.plugins = plugins;
        this.logs = logs;
        this.notifications = notifications;
        this.identity = identity;
        this.mapper = mapper;
    }

    synchronized void onSettings(@Observes SettingsApplied change) {
        PlatformSettings.UpdateCheck next = change.current().updateCheck();
        PlatformSettings before = change.previous();
        boolean networkChanged = before != null
                && (!java.util.Objects.equals(before.proxy(), change.current().proxy())
                        || !java.util.Objects.equals(
                                before.tls(), change.current().tls()));
        if (next != null && next.equals(active) && !networkChanged) {
            return; // a new proxy or TLS choice is tried at once: it may be what made the last check fail
        }
        if (scheduled != null) {
            scheduled.cancel(false);
            scheduled = null;
        }
        active = next;
        if (next == null || !next.enabled()) {
            return;
        }
        scheduled = timer.scheduleAtFixedRate(
                () -> check(next.feedUrl()),
                2,
                Duration.ofHours(next.intervalHours()).toSeconds(),
                TimeUnit.SECONDS);
        LOG.infof("Update check on: %s every %d h", next.feedUrl(), next.intervalHours());
    }

    void check(String feedUrl) {
        try {
            HttpResponse<String> answer = plugins.http()
                    .send(
                            HttpRequest.newBuilder(URI.create(feedUrl))
                                    .header("Accept", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the feed answered HTTP " + answer.statusCode());
            }
            JsonNode release = mapper.readTree(answer.body());
            String tag = release.path("tag_name").asText(release.path("version").asText(""));
            SemanticVersion latest = SemanticVersion.parse(tag.replaceFirst("^[vV]", ""), "the feed's tag_name");
            SemanticVersion running = SemanticVersion.parse(identity.version(), "this version");
            boolean newer = latest.compareTo(running) > 0;
            last = new LastCheck(Instant.now(), latest.toString(), newer, null);
            if (newer) {
                String url = release.path("html_url").asText("");
                notifications.raise(
                        NOTIFICATION,
                        Notifications.Severity.info,
                        false,
                        "update",
                        "Open Cloud Exchange " + latest + " is available (this is " + running + ")"
                                + (url.isBlank() ? "" : ": " + url));
            } else {
                notifications.resolve(NOTIFICATION);
            }
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            boolean repeated = last != null && error.equals(last.error());
            last = new LastCheck(Instant.now(), null, false, error);
            LOG.warnf("Update check of %s failed: %s", feedUrl, error);
            if (!repeated) {
                logs.error(
                        e instanceof PlatformHttpClient.ProxyRefused ? "PROXY-REFUSED" : "UPDATE-CHECK-FAILED",
                        "Update check failed: " + error,
                        "Release feed: " + feedUrl,
                        e instanceof PlatformHttpClient.ProxyRefused
                                ? "Check the proxy's address, username and password in Settings > General."
                                : "Check the feed URL and that this host can reach it (proxy and TLS in Settings >"
                                        + " General).");
            }
        }
    }

    public LastCheck last() {
        return last;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
