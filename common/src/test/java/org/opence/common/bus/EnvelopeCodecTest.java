package org.opence.common.bus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec(new ObjectMapper().findAndRegisterModules());

    @Test
    void shouldKeepEveryFieldAndLargeIdsAcrossTheWire() throws Exception {
        var payload = JsonNodeFactory.instance.objectNode().put("_id", "18446744073709551615");
        Envelope sent = new Envelope(
                "tenant.alerts.batch", 2, "id-1", Instant.parse("2026-11-27T05:00:00Z"), "core-service", payload);

        byte[] body = codec.encode(sent);
        Envelope received = codec.decode(body);

        assertThat(received).isEqualTo(sent);
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"time\":\"2026-11-27T05:00:00Z\"");
    }

    @Test
    void shouldDescribeTheMessageInItsAmqpProperties() {
        Envelope sent = Envelope.of("system.ping", 1, "core-service", JsonNodeFactory.instance.objectNode());

        var props = codec.properties(sent, "10000");

        assertThat(props.getMessageId()).isEqualTo(sent.id());
        assertThat(props.getType()).isEqualTo("system.ping");
        assertThat(props.getHeaders()).containsEntry(BusHeaders.SCHEMA_VERSION, 1);
        assertThat(props.getExpiration()).isEqualTo("10000");
        assertThat(props.getDeliveryMode())
                .as("short-lived messages are not persisted")
                .isEqualTo(1);
        assertThat(codec.properties(sent, null).getDeliveryMode()).isEqualTo(2);
    }

    @Test
    void shouldRefuseAnEnvelopeWithoutTypeOrVersion() {
        assertThatThrownBy(() -> codec.decode(
                        "{\"schemaVersion\":1,\"id\":\"a\",\"time\":\"2026-11-27T05:00:00Z\",\"source\":\"x\"}"
                                .getBytes()))
                .hasMessageContaining("type");
        assertThatThrownBy(() -> Envelope.of("x", 0, "s", null))
                .hasMessageContaining("schemaVersion must be 1 or more");
    }
}
