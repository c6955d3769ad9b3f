package org.opence.gateway.proxy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.gateway.GatewayConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The matching rules of {@link RouteTable} on tables made for each case. */
class RouteTableTest {

    record Route(URI url, List<String> prefixes) implements GatewayConfig.Route {}

    @Test
    void shouldLetAWildcardSegmentStandForExactlyOneNonEmptySegment() {
        RouteTable table = table(Map.of(
                "tenant-service", List.of("/api/tenants"),
                "core-service", List.of("/api/tenants/*/ingest")));

        assertThat(owner(table, "/api/tenants/acme/ingest")).isEqualTo("core-service");
        assertThat(owner(table, "/api/tenants/acme/ingest/")).isEqualTo("core-service");
        assertThat(owner(table, "/api/tenants/acme/ingest/x")).isEqualTo("core-service");
        assertThat(owner(table, "/api/tenants/*/ingest")).isEqualTo("core-service");
        assertThat(owner(table, "/api/tenants/acme")).isEqualTo("tenant-service");
        assertThat(owner(table, "/api/tenants/acme/test")).isEqualTo("tenant-service");
        assertThat(owner(table, "/api/tenants/acme/ingestion")).isEqualTo("tenant-service");
        assertThat(owner(table, "/api/tenants/ingest")).isEqualTo("tenant-service");
        assertThat(owner(table, "/api/tenants//ingest")).isEqualTo("tenant-service");
        assertThat(owner(table, "/api/tenants/a/b/ingest")).isEqualTo("tenant-service");
        assertThat(table.match("/api/other/acme/ingest")).isEmpty();
    }

    @Test
    void shouldMatchOnSegmentBoundariesOnly() {
        RouteTable table = table(Map.of("cte-service", List.of("/api/cte/"), "core-service", List.of("/api/*/x")));

        assertThat(owner(table, "/api/cte")).isEqualTo("cte-service");
        assertThat(owner(table, "/api/cte/")).isEqualTo("cte-service");
        assertThat(owner(table, "/api/cte/feeds?x=1")).isEqualTo("cte-service");
        assertThat(table.match("/api/cteX")).isEmpty();
        assertThat(table.match("/api/ctex/feeds")).isEmpty();
        assertThat(table.match("/api//cte")).isEmpty();
        assertThat(table.match("/api")).isEmpty();
        assertThat(table.match("")).isEmpty();
        assertThat(owner(table, "/api/any/x")).isEqualTo("core-service");
        assertThat(table.match("/api/any/xy")).isEmpty();
        assertThat(table.match("/api//x")).isEmpty();
    }

    @Test
    void shouldPreferMoreLiteralSegmentsOverALongerPrefix() {
        RouteTable table = table(Map.of(
                "literal", List.of("/api/t/u"),
                "wild", List.of("/api/*/*/a-much-longer-segment")));

        assertThat(owner(table, "/api/t/u/a-much-longer-segment")).isEqualTo("literal");
        assertThat(owner(table, "/api/t/v/a-much-longer-segment")).isEqualTo("wild");
        assertThat(table.entries().stream().map(RouteTable.Entry::service)).containsExactly("literal", "wild");
    }

    @Test
    void shouldPreferTheLongerPrefixWhenLiteralSegmentsTie() {
        RouteTable table = table(Map.of(
                "short", List.of("/api/tenants"),
                "long", List.of("/api/*/ingest"),
                "longest", List.of("/api/tenants/x/y/z/*")));

        assertThat(owner(table, "/api/tenants/ingest")).isEqualTo("long");
        assertThat(owner(table, "/api/tenants/other")).isEqualTo("short");
        assertThat(owner(table, "/api/tenants/x/y/z/1")).isEqualTo("longest");
        assertThat(table.entries().stream().map(RouteTable.Entry::prefix))
                .containsExactly("/api/tenants/x/y/z/*", "/api/*/ingest", "/api/tenants");
    }

    @Test
    void shouldRejectAStarInsideASegmentNamingTheProperty() {
        for (String bad : List.of("/api/te*", "/api/*x/ingest", "/api/**", "/api/tenants/*/ingest*")) {
            assertThatThrownBy(() -> table(Map.of("core-service", List.of("/api/settings", bad))))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gateway.routes.core-service.prefixes")
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("whole segment");
        }
    }

    @Test
    void shouldStillRejectAnUpstreamThatIsNotHttp() {
        assertThatThrownBy(() -> new RouteTable(
                        Map.of("cte-service", new Route(URI.create("https://127.0.0.1:1"), List.of("/api/cte")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.routes.cte-service.url");
    }

    private static String owner(RouteTable table, String path) {
        return table.match(path)
                .map(RouteTable.Entry::service)
                .orElseThrow(() -> new AssertionError("no route for " + path));
    }

    private static RouteTable table(Map<String, List<String>> prefixes) {
        Map<String, Route> routes = new LinkedHashMap<>();
        int port = 9000;
        for (var e : prefixes.entrySet()) {
            routes.put(e.getKey(), new Route(URI.create("http://127.0.0.1:" + port++), e.getValue()));
        }
        return new RouteTable(routes);
    }
}
