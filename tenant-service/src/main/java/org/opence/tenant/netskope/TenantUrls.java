package org.opence.tenant.netskope;

import java.net.URI;
import java.util.Locale;

import org.opence.common.error.ProblemException;

/** The base URL of a tenant from what users type: {@code acme}, {@code acme.eu}, {@code acme.goskope.com} or a URL. */
final class TenantUrls {

    private TenantUrls() {}

    static String baseUrl(String tenantName) {
        String given = tenantName.trim();
        if (given.contains("://")) {
            URI uri;
            try {
                uri = URI.create(given);
            } catch (IllegalArgumentException e) {
                throw ProblemException.Invalid.field("tenantName", "is not a valid URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                throw ProblemException.Invalid.field(
                        "tenantName", "must be an https:// URL with a host, e.g. https://acme.goskope.com");
            }
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
        String host = given.toLowerCase(Locale.ROOT);
        if (!host.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw ProblemException.Invalid.field(
                    "tenantName", "must be the tenant's subdomain (acme for acme.goskope.com) or its full URL");
        }
        return "https://" + (host.endsWith(".goskope.com") ? host : host + ".goskope.com");
    }
}
