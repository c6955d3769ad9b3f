package org.opence.plugins.textfeed;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.cte.CtePlugin;
import org.opence.plugin.api.cte.Indicator;
import org.opence.plugin.api.cte.IndicatorType;
import org.opence.plugin.api.cte.Severity;
import org.opence.plugin.testkit.PluginChecks;
import org.opence.plugin.testkit.TestContext;

import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextFeedPluginTest {

    private static final String FEED = """
            # bad things, updated hourly
            d41d8cd98f00b204e9800998ecf8427e
            E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855  some-file.exe
            203.0.113.7, scanner
            evil.example.com
            https://phish.example.net/login?x=1
            2001:db8::1
            not an indicator!
            evil.example.com
            """;

    private final TextFeedPlugin plugin = new TextFeedPlugin();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void startFeed() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feed.txt", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/private.txt", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopFeed() {
        server.stop(0);
    }

    @Test
    void shouldTurnEveryLineIntoAnIndicatorOfItsTypeOnce() throws Exception {
        TestContext context = TestContext.with(config("/feed.txt"));

        List<Indicator> pulled = plugin.pull(context);

        assertThat(pulled)
                .extracting(Indicator::type)
                .containsExactly(
                        IndicatorType.MD5,
                        IndicatorType.SHA256,
                        IndicatorType.IPV4,
                        IndicatorType.DOMAIN,
                        IndicatorType.URL,
                        IndicatorType.IPV6);
        assertThat(pulled.get(1).value()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(pulled).allSatisfy(i -> {
            assertThat(i.severity()).isEqualTo(Severity.HIGH);
            assertThat(i.reputation()).isEqualTo(3);
        });
        assertThat(context.log())
                .anySatisfy(l -> assertThat(l.message()).contains("1 line(s)").contains("'not'"));
        assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    }

    @Test
    void shouldNotParseAnUnchangedFeedAgain() throws Exception {
        TestContext context = TestContext.with(config("/feed.txt"));
        plugin.pull(context);
        assertThat(context.stored()).containsEntry(TextFeedPlugin.ETAG, "\"v1\"");

        assertThat(plugin.pull(context)).isEmpty();
        assertThat(context.log()).anySatisfy(l -> assertThat(l.message()).contains("has not changed"));
    }

    @Test
    void shouldKeepOnlyTheChosenType() throws Exception {
        Map<String, Object> config = config("/feed.txt");
        config.put("type", "domain");

        assertThat(plugin.pull(TestContext.with(config)))
                .extracting(Indicator::value)
                .containsExactly("evil.example.com");
    }

    @Test
    void shouldReportRefusedCredentialsWithACodeAndWhatToDo() {
        TestContext context = TestContext.with(config("/private.txt"));

        assertThatThrownBy(() -> plugin.pull(context)).hasMessageContaining("HTTP 401");
        assertThat(context.errors()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).isEqualTo("TEXTFEED-401");
            assertThat(e.resolution()).contains("authentication header");
        });
    }

    @Test
    void shouldBeAcceptedOrRefusedAsThePlatformWould() {
        assertThat(PluginChecks.validate(plugin, TestContext.with(config("/feed.txt"))))
                .isEmpty();

        Map<String, Object> bad = config("/feed.txt");
        bad.put("url", "ftp://feeds.example.org/list.txt");
        assertThat(PluginChecks.validate(plugin, TestContext.with(bad)))
                .containsExactly(new FieldProblem("url", "must be an http:// or https:// address"));

        Map<String, Object> half = config("/feed.txt");
        half.remove("authValue");
        assertThat(PluginChecks.validate(plugin, TestContext.with(half)))
                .containsExactly(new FieldProblem("authValue", "give both the header name and its value, or neither"));

        assertThat(PluginChecks.validate(plugin, TestContext.with(Map.of())))
                .containsExactly(new FieldProblem("url", "is required"));
    }

    @Test
    void shouldBeFoundByThePlatform() {
        assertThat(PluginChecks.registered(CtePlugin.class))
                .extracting(m -> m.id())
                .containsExactly("text-feed");
    }

    private Map<String, Object> config(String path) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + path);
        config.put("authHeader", "Authorization");
        config.put("authValue", "Bearer s3cret");
        config.put("type", "auto");
        config.put("severity", "high");
        config.put("reputation", 3);
        return config;
    }
}
