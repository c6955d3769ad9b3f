package org.opence.plugins.splunkhec;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.plugin.testkit.TestContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The HEC event objects transform makes of formatted records. */
class EventWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SplunkHecPlugin plugin = new SplunkHecPlugin();

    @Test
    void shouldEmbedAJsonRecordAsTheEventObjectNotAsAString() throws Exception {
        String record = "{\"_id\":\"1\",\"timestamp\":1714555800,\"user\":\"a\\\"b\",\"n\":[1,{\"x\":null}]}";

        String event = transform(config(), List.of(record), "json", "alerts").get(0);

        assertThat(event)
                .isEqualTo("{\"time\":1714555800,\"sourcetype\":\"netskope:alerts\",\"event\":" + record + "}");
        assertThat(JSON.readTree(event).path("event")).isEqualTo(JSON.readTree(record));
    }

    @Test
    void shouldWrapACefLineAsAStringEventThatReadsBackExactly() throws Exception {
        String line = "CEF:0|Netskope|Netskope|1.0|malware|\"Quoted\" \\| piped|8|rt=1714555800 msg=tab\there"
                + " path=C:\\\\x 日本 \u0001end";

        JsonNode event = JSON.readTree(
                transform(config(), List.of(line), "cef", "events").get(0));

        assertThat(event.path("event").textValue()).isEqualTo(line);
        assertThat(event.path("time").decimalValue()).isEqualTo(new BigDecimal("1714555800"));
        assertThat(event.path("sourcetype").asText()).isEqualTo("netskope:events");
    }

    @Test
    void shouldTakeTimesInMillisecondsAndLeefsDeviceTime() throws Exception {
        String cef = "CEF:0|Netskope|Netskope|1.0|malware|m|8|src=10.0.0.1 rt=1714555800123 act=blocked";
        String leef = "LEEF:2.0|Netskope|Netskope|1.0|malware|^|devTime=1714555800^src=10.0.0.1";
        String json = "{\"timestamp\":1714555800250}";

        assertThat(time(transform(config(), List.of(cef), "cef", "alerts").get(0)))
                .isEqualTo("1714555800.123");
        assertThat(time(transform(config(), List.of(leef), "leef", "alerts").get(0)))
                .isEqualTo("1714555800");
        assertThat(time(transform(config(), List.of(json), "json", "alerts").get(0)))
                .isEqualTo("1714555800.25");
    }

    @Test
    void shouldLeaveTheTimeToSplunkWhenTheRecordHasNoneItCanRead() throws Exception {
        List<String> records = List.of(
                "CEF:0|Netskope|Netskope|1.0|malware|m|8|rt=May 01 2024 09:30:00 src=10.0.0.1",
                "CEF:0|Netskope|Netskope|1.0|malware|cs1 rt=5 in the header|8|src=10.0.0.1",
                "CEF:0|Netskope|Netskope|1.0|malware|m|8|msg=a rt\\=1714555800 b");

        assertThat(transform(config(), records, "cef", "alerts"))
                .allSatisfy(e -> assertThat(JSON.readTree(e).has("time")).as(e).isFalse());
        assertThat(JSON.readTree(transform(config(), List.of("{\"timestamp\":\"soon\"}"), "json", "alerts")
                                .get(0))
                        .has("time"))
                .isFalse();
    }

    @Test
    void shouldSetTheConfiguredMetadataWithItsPlaceholdersFilled() throws Exception {
        Map<String, Object> config = config();
        config.put("sourcetype", "netskope:{dataType}:{subType}");
        config.put("source", "opence-{format}");
        config.put("host", "ce01");
        config.put("index", "netskope");

        JsonNode event = JSON.readTree(
                transform(config, List.of("{\"a\":1}"), "json", "alerts").get(0));

        assertThat(event.path("sourcetype").asText()).isEqualTo("netskope:alerts:malware");
        assertThat(event.path("source").asText()).isEqualTo("opence-json");
        assertThat(event.path("host").asText()).isEqualTo("ce01");
        assertThat(event.path("index").asText()).isEqualTo("netskope");
    }

    @Test
    void shouldLeaveOutMetadataThatIsNotConfigured() throws Exception {
        Map<String, Object> config = config();
        config.put("sourcetype", "");

        JsonNode event = JSON.readTree(transform(config, List.of("CEF:0|a|b|1|c|d|1|"), "cef", "alerts")
                .get(0));

        assertThat(event.fieldNames()).toIterable().containsExactly("event");
    }

    @Test
    void shouldSendARecordThatIsNotValidJsonAsTextAndSaySo() throws Exception {
        TestContext context = TestContext.with(config());

        List<Object> events = plugin.transform(
                context, List.of("{\"a\":1}", "{\"broken\":", "{\"b\":2} trailing"), "json", "alerts", "x");

        assertThat(events)
                .extracting(e ->
                        JSON.readTree((String) e).path("event").getNodeType().name())
                .containsExactly("OBJECT", "STRING", "STRING");
        assertThat(JSON.readTree((String) events.get(1)).path("event").textValue())
                .isEqualTo("{\"broken\":");
        assertThat(context.log()).singleElement().satisfies(l -> {
            assertThat(l.level()).isEqualTo("warning");
            assertThat(l.message()).contains("2 of 3 JSON record(s) were not valid JSON");
        });
    }

    private List<String> transform(Map<String, Object> config, List<String> records, String format, String dataType)
            throws Exception {
        return plugin.transform(TestContext.with(config), records, format, dataType, "malware").stream()
                .map(String.class::cast)
                .toList();
    }

    private static String time(String event) throws Exception {
        return JSON.readTree(event).path("time").decimalValue().toPlainString();
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("url", "https://splunk.example.org:8088");
        config.put("token", "t");
        return config;
    }
}
