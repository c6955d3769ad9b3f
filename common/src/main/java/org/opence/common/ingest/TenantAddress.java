package org.opence.common.ingest;

import java.net.URI;
import java.util.Locale;

/**
 * Where a tenant's tokens may be sent: an {@code https://} URL, or a plain {@code http://} URL on this
 * machine's loopback address when the development switch {@code ce.dev.allow-http-tenant-on-loopback} is
 * on (the tenant simulator). tenant-service refuses other URLs when a tenant is saved; ingest checks
 * again before every call, so a token never leaves over plain HTTP even from an old record.
 */
public final class TenantAddress {

    private TenantAddress() {}

    public static boolean mayCarryTokens(URI uri, boolean allowHttpOnLoopback) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        return scheme.equals("https")
                || (scheme.equals("http") && allowHttpOnLoopback && isLoopback(String.valueOf(uri.getHost())));
    }

    public static boolean mayCarryTokens(String baseUrl, boolean allowHttpOnLoopback) {
        return mayCarryTokens(URI.create(baseUrl), allowHttpOnLoopback);
    }

    /** localhost, 127.0.0.0/8 or ::1, as written in a URL. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost")
                || h.equals("[::1]")
                || h.equals("::1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
