package org.opence.common.settings;

import java.util.Objects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.opence.common.config.CeConfig;
import org.opence.common.plugin.NetworkSettings;
import org.opence.common.plugin.OutboundHttp;
import org.opence.common.secret.Secrets;

/** Applies new settings in this process: the root log level and the network of every outbound call. */
@ApplicationScoped
public class SettingsAppliers {

    private static final Logger LOG = Logger.getLogger(SettingsAppliers.class);

    private final OutboundHttp outbound;
    private final CeConfig config;
    private final Secrets secrets;

    public SettingsAppliers(OutboundHttp outbound, CeConfig config, Secrets secrets) {
        this.outbound = outbound;
        this.config = config;
        this.secrets = secrets;
    }

    void apply(@Observes SettingsApplied change) {
        PlatformSettings now = change.current();
        PlatformSettings before = change.previous();
        String level = now.logLevel() == null ? config.log().level() : now.logLevel();
        if (before == null || !Objects.equals(before.logLevel(), now.logLevel())) {
            java.util.logging.Logger.getLogger("").setLevel(julLevel(level));
            LOG.infof("Log level %s (from %s)", level, now.logLevel() == null ? "CE_LOG_LEVEL" : "the settings");
        }
        if (before == null
                || !Objects.equals(before.proxy(), now.proxy())
                || !Objects.equals(before.tls(), now.tls())) {
            try {
                NetworkSettings network = NetworkSettings.resolve(now, config, secrets);
                outbound.apply(network);
                LOG.infof(
                        "Outbound calls: %s, certificate checks %s%s",
                        network.proxy()
                                .map(p -> "through the proxy " + p.getHost() + ":" + p.getPort())
                                .orElse("direct"),
                        network.verifyTls() ? "on" : "OFF",
                        network.extraCaPem().isPresent() ? ", extra CA certificates from the settings" : "");
            } catch (RuntimeException e) {
                LOG.errorf(
                        "Could not apply the network settings; outbound calls keep the previous ones: %s",
                        e.getMessage());
            }
        }
    }

    static java.util.logging.Level julLevel(String level) {
        return switch (level.toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE" -> org.jboss.logmanager.Level.TRACE;
            case "DEBUG" -> org.jboss.logmanager.Level.DEBUG;
            case "WARN", "WARNING" -> org.jboss.logmanager.Level.WARN;
            case "ERROR" -> org.jboss.logmanager.Level.ERROR;
            default -> org.jboss.logmanager.Level.INFO;
        };
    }
}
