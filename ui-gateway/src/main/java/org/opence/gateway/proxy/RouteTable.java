package org.opence.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.gateway.GatewayConfig;

/** Which upstream owns a path: the longest configured prefix that matches on a segment boundary. */
@ApplicationScoped
public class RouteTable {

    /** A prefix and the service that owns it. */
    public record Entry(String prefix, String service, URI url) {
        public Entry {
            if (!"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException(
                        "gateway.routes." + service + ".url must be an http:// URL with a host, was " + url);
            }
        }

        /** The upstream port; 80 when the URL gives none. */
        public int port() {
            return url.getPort() < 0 ? 80 : url.getPort();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    public RouteTable(GatewayConfig config) {
        config.routes().forEach((service, route) -> route.prefixes()
                .forEach(prefix -> entries.add(new Entry(normalise(prefix), service, route.url()))));
        entries.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
    }

    public Optional<Entry> match(String path) {
        for (Entry e : entries) {
            if (path.equals(e.prefix()) || path.startsWith(e.prefix() + "/")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    private static String normalise(String prefix) {
        String p = prefix.trim();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
