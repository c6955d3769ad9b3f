package org.opence.simulator.netskope;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.simulator.netskope.data.Population;
import org.opence.simulator.netskope.data.RecordFactory;
import org.opence.simulator.netskope.data.StreamKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opence.simulator.netskope.TenantClient.ALERTS;
import static org.opence.simulator.netskope.TenantClient.EVENTS;
import static org.opence.simulator.netskope.TenantClient.ids;
import static org.opence.simulator.netskope.TenantClient.page;

/** The Data Export iterator contract (test profile: one hour of history, only alerts/uba grows live). */
@QuarkusTest
class DataExportContractTest {

    private static final String TOKEN = "all-token";
    /** events/page: 7 records a second over one hour of history. */
    private static final int PAGE_EVENTS = 7 * 3600;

    @BeforeEach
    void resetTenant() {
        given().post("/sim/reset").then().statusCode(204);
    }

    @Test
    void shouldHandOutEveryRecordExactlyOnceWhenPagingToTheEnd() {
        // Given a fresh index starting at head
        List<String> all = new ArrayList<>();
        ObjectNode page = page(EVENTS + "page", TOKEN, "full-run", "head");
        int pages = 0;
        long lastTimestamp = Long.MIN_VALUE;
        // When the consumer calls next until the tenant has nothing more
        while (page.get("result").size() > 0) {
            pages++;
            assertThat(page.get("ok").asInt()).isEqualTo(1);
            assertThat(page.get("result").size()).isLessThanOrEqualTo(10_000);
            for (JsonNode r : page.get("result")) {
                assertThat(r.get("timestamp").asLong()).isGreaterThanOrEqualTo(lastTimestamp);
                lastTimestamp = r.get("timestamp").asLong();
            }
            assertThat(page.get("timestamp_hwm").asLong()).isEqualTo(lastTimestamp);
            all.addAll(ids(page));
            page = page(EVENTS + "page", TOKEN, "full-run", "next");
        }
        // Then every record came exactly once, in full pages but the last
        assertThat(all).hasSize(PAGE_EVENTS).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(3);
        assertThat(page.get("wait_time").asInt()).isEqualTo(15);
    }

    @Test
    void shouldAnswerEmptyWithWaitTimeOnceCaughtUp() {
        ObjectNode first = page(ALERTS + "malware", TOKEN, "caught-up", "head");
        assertThat(first.get("result").size()).isEqualTo(3600);
        assertThat(first.get("wait_time").asInt())
                .as("a partial page means caught up")
                .isEqualTo(15);

        ObjectNode next = page(ALERTS + "malware", TOKEN, "caught-up", "next");

        assertThat(next.get("result").size()).isZero();
        assertThat(next.get("wait_time").asInt()).isEqualTo(15);
        assertThat(next.get("timestamp_hwm").asLong())
                .isGreaterThanOrEqualTo(first.get("timestamp_hwm").asLong());
    }

    @Test
    void shouldResendTheLastPageWithoutAdvancing() {
        ObjectNode first = page(EVENTS + "page", TOKEN, "resend", "head");
        ObjectNode again = page(EVENTS + "page", TOKEN, "resend", "resend");
        ObjectNode second = page(EVENTS + "page", TOKEN, "resend", "next");

        assertThat(again.get("result")).isEqualTo(first.get("result"));
        assertThat(again.get("timestamp_hwm")).isEqualTo(first.get("timestamp_hwm"));
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first)).hasSize(10_000);
        assertThat(second.get("result").get(0).get("timestamp").asLong())
                .isGreaterThanOrEqualTo(first.get("timestamp_hwm").asLong());
    }

    @Test
    void shouldKeepEachIndexPositionIndependently() {
        ObjectNode a1 = page(ALERTS + "malsite", TOKEN, "index-a", "head");
        ObjectNode aNext = page(ALERTS + "malsite", TOKEN, "index-a", "next");
        ObjectNode b1 = page(ALERTS + "malsite", TOKEN, "index-b", "head");

        assertThat(aNext.get("result").size()).as("index-a is caught up").isZero();
        assertThat(ids(b1)).as("index-b starts on its own").isEqualTo(ids(a1)).hasSize(3600);
    }

    @Test
    void shouldStartFromAnEpochSecond() {
        ObjectNode head = page(ALERTS + "malware", TOKEN, "epoch-probe", "head");
        long from = head.get("result").get(1800).get("timestamp").asLong();

        ObjectNode fromEpoch = page(ALERTS + "malware", TOKEN, "epoch", String.valueOf(from));

        List<Long> timestamps = new ArrayList<>();
        fromEpoch.get("result").forEach(r -> timestamps.add(r.get("timestamp").asLong()));
        assertThat(timestamps).isNotEmpty().allMatch(t -> t >= from);
        long before = 0;
        for (JsonNode r : head.get("result")) {
            if (r.get("timestamp").asLong() < from) {
                before++;
            }
        }
        assertThat(timestamps.size() + before).isEqualTo(3600);
    }

    @Test
    void shouldSkipTheBacklogOnTail() {
        ObjectNode tail = page(EVENTS + "application", TOKEN, "tail", "tail");
        ObjectNode next = page(EVENTS + "application", TOKEN, "tail", "next");

        assertThat(tail.get("result").size()).isZero();
        assertThat(next.get("result").size()).isZero();
    }

    @Test
    void shouldKeepGeneratingLiveRecordsAtTheConfiguredRate() {
        // Given a consumer that has caught up with alerts/uba (50 new records a second)
        Set<String> seen = new HashSet<>(ids(page(ALERTS + "uba", TOKEN, "live", "head")));
        long hwm = 0;
        ObjectNode page;
        do {
            page = page(ALERTS + "uba", TOKEN, "live", "next");
            seen.addAll(ids(page));
            hwm = Math.max(hwm, page.get("timestamp_hwm").asLong());
        } while (page.get("result").size() > 0 && page.get("wait_time").asInt() == 0);
        // When the tenant has produced more and the consumer asks again
        long seenCount = seen.size();
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        given().get("/sim/stats").jsonPath().getLong("streams.'alerts.uba'.available") > seenCount);
        ObjectNode later = page(ALERTS + "uba", TOKEN, "live", "next");
        // Then new records have arrived, none of them seen before, none older than what was seen
        assertThat(later.get("result").size()).isGreaterThan(0);
        assertThat(ids(later)).doesNotContainAnyElementsOf(seen);
        for (JsonNode r : later.get("result")) {
            assertThat(r.get("timestamp").asLong()).isGreaterThanOrEqualTo(hwm - 1);
        }
    }

    @Test
    void shouldServeTheRecordsTheSeedDetermines() throws Exception {
        // the test profile runs with seed 7 and a population of 250 users
        RecordFactory factory = new RecordFactory(7, new Population(7, 250));
        StreamKey stream = new StreamKey(StreamKey.Family.ALERTS, "malware");
        JsonNode served = page(ALERTS + "malware", TOKEN, "seeded", "head").get("result");

        for (int n : new int[] {0, 1, 1234, 3599}) {
            long timestamp = served.get(n).get("timestamp").asLong();
            JsonNode expected = TenantClient.JSON.readTree(
                    TenantClient.JSON.writeValueAsString(factory.create(stream, n, timestamp)));
            assertThat(served.get(n)).as("record %d", n).isEqualTo(expected);
        }
    }

    @Test
    void shouldSend64BitIdsAsNumbersBeyondDoublePrecision() {
        String body =
                TenantClient.call(ALERTS + "dlp", TOKEN, "big-ids", "head").asString();

        Matcher m = Pattern.compile("\"transaction_id\":(\\d+)").matcher(body);
        assertThat(m.find()).isTrue();
        BigInteger id = new BigInteger(m.group(1));
        assertThat(id).isGreaterThan(BigInteger.TWO.pow(53));
        assertThat(body).contains("\"incident_id\":").contains("\"app_session_id\":");
    }

    @Test
    void shouldGiveMalwareAlertsRealLookingHashesAndMalsiteAlertsUrls() {
        JsonNode malware = page(ALERTS + "malware", TOKEN, "shape-malware", "head")
                .get("result")
                .get(0);
        JsonNode malsite = page(ALERTS + "malsite", TOKEN, "shape-malsite", "head")
                .get("result")
                .get(0);

        assertThat(malware.get("md5").asText()).matches("[0-9a-f]{32}");
        assertThat(malware.get("sha256").asText()).matches("[0-9a-f]{64}");
        assertThat(malware.get("alert_type").asText()).isEqualTo("Malware");
        assertThat(malware.get("alert_name").asText()).isNotBlank();
        assertThat(malsite.get("url").asText()).startsWith("http://");
        assertThat(malsite.get("alert_type").asText()).isEqualTo("malsite");
        assertThat(malsite.get("user").asText()).endsWith("@example.com");
    }

    @Test
    void shouldRefuseUnknownTypesAndBadOperations() {
        given().header("Netskope-Api-Token", TOKEN)
                .queryParam("index", "x")
                .queryParam("operation", "head")
                .get(EVENTS + "nosuchtype")
                .then()
                .statusCode(404);
        given().header("Netskope-Api-Token", TOKEN)
                .queryParam("index", "x")
                .queryParam("operation", "sideways")
                .get(EVENTS + "audit")
                .then()
                .statusCode(400);
        given().header("Netskope-Api-Token", TOKEN)
                .queryParam("operation", "head")
                .get(EVENTS + "audit")
                .then()
                .statusCode(400);
    }
}
