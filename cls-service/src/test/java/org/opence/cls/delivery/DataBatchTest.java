package org.opence.cls.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading {@code tenant.data} envelopes record by record, in Open CE's field order and any other. */
class DataBatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> ids(DataBatch batch) throws IOException {
        List<String> ids = new ArrayList<>();
        int n = batch.forEach(
                (index, record) -> ids.add(index + ":" + record.path("_id").asText()));
        assertThat(n).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void shouldReadTheHeaderAndThenEachRecordInOrder() throws Exception {
        byte[] body = DataBatch.write(
                JSON,
                "core-service",
                "acme",
                "events",
                "page",
                List.of(
                        JSON.readTree("{\"_id\":\"a\",\"n\":{\"x\":[1,2]}}"),
                        JSON.readTree("{\"_id\":\"b\"}"),
                        JSON.readTree("{\"_id\":\"c\"}")));
        DataBatch batch = DataBatch.read(body);
        assertThat(batch.tenant()).isEqualTo("acme");
        assertThat(batch.kind()).isEqualTo("events");
        assertThat(batch.subtype()).isEqualTo("page");
        assertThat(batch.id()).isNotEmpty();
        assertThat(ids(batch)).containsExactly("0:a", "1:b", "2:c");
        assertThat(batch.count()).isEqualTo(3);
        List<JsonNode> again = batch.records(new int[] {2, 0});
        assertThat(again).extracting(r -> r.path("_id").asText()).containsExactly("c", "a");
        assertThat(again.get(1).path("n").path("x").get(1).asInt()).isEqualTo(2);
        assertThat(batch.records(new int[0])).isEmpty();
        assertThatThrownBy(() -> batch.records(new int[] {3})).hasMessageContaining("no record 3");
    }

    @Test
    void shouldReadAnEnvelopeThatNamesItsTypeAfterTheRecords() throws Exception {
        DataBatch batch = DataBatch.read(bytes("""
                {"payload": {"records": [{"_id": "x"}, {"_id": "y"}], "subtype": "malware", "kind": "alerts",
                 "tenant": "t1"}, "id": "b-1", "type": "tenant.data"}
                """));
        assertThat(batch.kind()).isEqualTo("alerts");
        assertThat(batch.id()).isEqualTo("b-1");
        assertThat(ids(batch)).containsExactly("0:x", "1:y");
        assertThat(batch.count()).isEqualTo(2);
    }

    @Test
    void shouldSayWhyAMessageIsNotABatch() {
        assertThatThrownBy(() -> DataBatch.read(bytes("[1]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(
                        () -> DataBatch.read(
                                bytes(
                                        "{\"type\":\"other\",\"payload\":{\"tenant\":\"t\",\"kind\":\"events\",\"subtype\":\"page\",\"records\":[]}}")))
                .hasMessageContaining("'other', not a tenant.data batch");
        assertThatThrownBy(
                        () -> DataBatch.read(
                                bytes(
                                        "{\"type\":\"tenant.data\",\"payload\":{\"tenant\":\"t\",\"kind\":\"events\",\"subtype\":\"page\"}}")))
                .hasMessageContaining("no records array");
        assertThatThrownBy(
                        () -> DataBatch.read(
                                bytes(
                                        "{\"type\":\"tenant.data\",\"payload\":{\"tenant\":\"t\",\"kind\":\"events\",\"subtype\":\"page\",\"records\":{}}}")))
                .hasMessageContaining("no records array");
        assertThatThrownBy(
                        () -> DataBatch.read(
                                bytes(
                                        "{\"type\":\"tenant.data\",\"payload\":{\"tenant\":\"t\",\"kind\":\"\",\"subtype\":\"page\",\"records\":[]}}")))
                .hasMessageContaining("does not say its tenant, kind and subtype");
        assertThatThrownBy(() -> DataBatch.read(bytes("{\"type\":"))).isInstanceOf(IOException.class);
    }

    @Test
    void shouldFailTheWalkWhenTheRecordsAreCutShort() throws Exception {
        DataBatch batch = DataBatch.read(
                bytes(
                        "{\"type\":\"tenant.data\",\"payload\":{\"tenant\":\"t\",\"kind\":\"events\",\"subtype\":\"page\",\"records\":[{\"_id\":\"a\"},{\"_id\":"));
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> batch.forEach((i, r) -> seen.add(r.path("_id").asText())))
                .isInstanceOf(IOException.class);
        assertThat(seen).containsExactly("a");
        assertThatThrownBy(batch::count).isInstanceOf(IOException.class);
    }
}
