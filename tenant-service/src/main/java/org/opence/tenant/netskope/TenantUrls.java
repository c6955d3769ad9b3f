package org.opence.tenant.netskope;

import java.net.URI;
import java.util.Locale;

import org.opence.common.error.ProblemException;
import org.opence.common.ingest.TenantAddress;

/**
 * The base URL of a tenant from what users type: {@code acme}, {@code acme.eu}, {@code acme.goskope.com}
 * or a URL. Only {@code https://} URLs are accepted, except a loopback {@code http://} URL when the
 * development switch {@code ce.dev.allow-http-tenant-on-loopback} is on (the tenant simulator).
 */
public final class TenantUrls {

    private TenantUrls() {}

    public static String baseUrl(String tenantName, boolean allowHttpOnLoopback) {
        String given = tenantName.trim();
        if (given.contains("://")) {
            URI uri;
            try {
                uri = URI.create(given);
            } catch (IllegalArgumentException e) {
                throw ProblemException.Invalid.field("tenantName", "is not a valid URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                throw ProblemException.Invalid.field(
                        "tenantName", "must be an https:// URL with a host, e.g. https://acme.goskope.com");
            }
            if (uri.getRawUserInfo() != null) {
                throw ProblemException.Invalid.field(
                        "tenantName", "must not contain a user name or password; give the tokens in their fields");
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (scheme.equals("http") && !(allowHttpOnLoopback && isLoopback(host))) {
                throw ProblemException.Invalid.field(
                        "tenantName",
                        "must be an https:// URL (tokens never travel over plain http); http:// is accepted only"
                                + " for a tenant simulator on this machine (127.0.0.1) with"
                                + " CE_DEV_ALLOW_HTTP_TENANT_ON_LOOPBACK=true");
            }
            return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
        String host = given.toLowerCase(Locale.ROOT);
        if (!host.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw ProblemException.Invalid.field(
                    "tenantName", "must be the tenant's subdomain (acme for acme.goskope.com) or its full URL");
        }
        return "https://" + (host.endsWith(".goskope.com") ? host : host + ".goskope.com");
    }

    private static boolean isLoopback(String host) {
        return TenantAddress.isLoopback(host);
    }
}
