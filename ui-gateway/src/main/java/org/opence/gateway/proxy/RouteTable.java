package org.opence.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.opence.gateway.GatewayConfig;

import io.quarkus.runtime.Startup;

/**
 * Which upstream owns a path: the configured prefix that matches on segment boundaries. A prefix may
 * have {@code *} as a whole segment, standing for exactly one non-empty segment (e.g.
 * {@code /api/tenants/*}{@code /ingest}). When several prefixes match, the one with more literal
 * segments wins, then the longer one. Built at start-up, so a bad prefix stops the gateway there.
 */
@Startup
@ApplicationScoped
public class RouteTable {

    /** Stands for exactly one non-empty path segment in a prefix. */
    public static final String WILDCARD = "*";

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

    /** An entry with its prefix split into segments, the way paths are matched. */
    private record Compiled(Entry entry, String[] segments, int literals) {

        static Compiled of(Entry entry) {
            String[] segments = entry.prefix().split("/", -1);
            int literals = 0;
            for (String segment : segments) {
                if (segment.contains(WILDCARD) && !segment.equals(WILDCARD)) {
                    throw new IllegalArgumentException("gateway.routes." + entry.service() + ".prefixes: '"
                            + entry.prefix() + "' has '*' inside the segment '" + segment
                            + "'; '*' may only stand for a whole segment, e.g. /api/tenants/*/ingest");
                }
                if (!segment.isEmpty() && !segment.equals(WILDCARD)) {
                    literals++;
                }
            }
            return new Compiled(entry, segments, literals);
        }

        /** Whether the path starts with this prefix's segments: equal literals, a non-empty one for each '*'. */
        boolean matches(String[] path) {
            if (path.length < segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                boolean same = segments[i].equals(WILDCARD) ? !path[i].isEmpty() : segments[i].equals(path[i]);
                if (!same) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Most specific first: more literal segments, then the longer prefix. */
    private static final Comparator<Compiled> PRECEDENCE = Comparator.comparingInt(Compiled::literals)
            .thenComparingInt(c -> c.entry().prefix().length())
            .reversed();

    private final List<Compiled> entries = new ArrayList<>();

    @Inject
    public RouteTable(GatewayConfig config) {
        this(config.routes());
    }

    /** A table of the given routes by service name; for tests and for the constructor above. */
    RouteTable(Map<String, ? extends GatewayConfig.Route> routes) {
        routes.forEach((service, route) -> route.prefixes()
                .forEach(prefix -> entries.add(Compiled.of(new Entry(normalise(prefix), service, route.url())))));
        entries.sort(PRECEDENCE);
    }

    public Optional<Entry> match(String path) {
        String[] segments = path.split("/", -1);
        for (Compiled c : entries) {
            if (c.matches(segments)) {
                return Optional.of(c.entry());
            }
        }
        return Optional.empty();
    }

    /** Every entry, most specific first. */
    public List<Entry> entries() {
        return entries.stream().map(Compiled::entry).toList();
    }

    private static String normalise(String prefix) {
        String p = prefix.trim();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
