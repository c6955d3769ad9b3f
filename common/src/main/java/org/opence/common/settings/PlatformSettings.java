package org.opence.common.settings;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The operator's settings of the whole suite, owned by core-service ({@code /api/settings}) and
 * published on {@code ce.events} as {@code settings.changed} so every service applies them without a
 * restart. The proxy password is ciphertext under the master key when stored or published, masked
 * when shown, and plain text only in a form.
 *
 * @param modules which modules are on
 * @param proxy the HTTP proxy of every outbound plugin and tenant call
 * @param tls certificate checks of outbound calls
 * @param logLevel root log level of every service (DEBUG, INFO, WARN, ERROR); null keeps CE_LOG_LEVEL
 * @param retention days each kind of data is kept
 * @param updateCheck whether to look for newer releases
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlatformSettings(
        Modules modules,
        Proxy proxy,
        OutboundTls tls,
        String logLevel,
        Retention retention,
        UpdateCheck updateCheck,
        Instant updatedAt,
        String updatedBy) {

    public static final String DEFAULT_FEED = "https://api.github.com/repos/open-cloud-exchange/opence/releases/latest";

    public static PlatformSettings defaults() {
        return new PlatformSettings(
                new Modules(true, true, true, true),
                new Proxy(false, "http", null, null, null, null),
                new OutboundTls(true, null),
                null,
                new Retention(7, 30, 7, 90, 30, 14),
                new UpdateCheck(false, DEFAULT_FEED, 24),
                null,
                null);
    }

    /** Modules on (true) or off. */
    public record Modules(boolean cte, boolean cto, boolean cre, boolean cls) {
        /** Whether a module (cte, cto, cre, cls, any case) is on. */
        public boolean isOn(String module) {
            return switch (module.toLowerCase(Locale.ROOT)) {
                case "cte" -> cte;
                case "cto" -> cto;
                case "cre" -> cre;
                case "cls" -> cls;
                default -> true;
            };
        }
    }

    /**
     * @param enabled whether outbound calls use it
     * @param scheme {@code http}: the proxy is reached over plain HTTP; HTTPS targets are tunnelled
     * @param password ciphertext (stored, published), masked (shown), plain (form; null keeps the stored one)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Proxy(boolean enabled, String scheme, String host, Integer port, String username, String password) {}

    /**
     * @param verify whether certificates and host names of outbound TLS calls are checked
     * @param extraCaCertificates PEM certificates trusted besides the JDK's (e.g. a TLS-inspecting proxy's CA)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutboundTls(boolean verify, String extraCaCertificates) {}

    /** Days to keep each kind of data, 1 to 3650. */
    public record Retention(
            int logsDays, int alertsDays, int eventsDays, int ticketsDays, int notificationsDays, int parkedDays) {}

    /**
     * @param enabled off by default: no traffic at all when off
     * @param feedUrl an https URL answering like GitHub's "latest release" ({@code tag_name})
     * @param intervalHours how often, 1 to 168
     */
    public record UpdateCheck(boolean enabled, String feedUrl, int intervalHours) {}
}
