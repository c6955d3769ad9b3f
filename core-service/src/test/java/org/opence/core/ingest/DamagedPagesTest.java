package org.opence.core.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.common.secret.Secrets;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.NetskopeSimulator;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pages the tenant answers damaged, served by the simulator's fault API: elements that are no records
 * (null, a string, a number, a nested array, true), a record holding bytes that are not UTF-8, a record
 * holding NaN, an answer that ends half-way through a record. Every good record is delivered once, the
 * rest is kept with its position and reason, counted and reported, and the stream goes on.
 */
@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class DamagedPagesTest {

    private static final String MALWARE_PATH = "/api/v2/events/dataexport/alerts/malware";
    private static final String V1_EVENTS_PATH = "/api/v1/events";
    private static NetskopeSimulator sim;

    @Inject
    Secrets secrets;

    @BeforeAll
    static void startTenant() throws Exception {
        // pages of 300 records: one hour of malware alerts is six pages
        sim = NetskopeSimulator.start(Map.of(
                "netskope-sim.seed", "23",
                "netskope-sim.page-size", "300",
                "netskope-sim.history-hours", "1",
                "netskope-sim.history-rates", "alerts.malware=0.5,events.page=2,*=0",
                "netskope-sim.rates", "*=0",
                "netskope-sim.wait-time", "1",
                "netskope-sim.tokens", "unused=*",
                "netskope-sim.v1-tokens", "v1-damaged"));
    }

    @BeforeEach
    void forgetEarlierFaults() throws Exception {
        sim.post("/sim/reset", Map.of());
    }

    /** No stream of an earlier test goes on pulling (and taking the next test's faults). */
    @org.junit.jupiter.api.AfterEach
    void stopStreams() throws Exception {
        for (String module :
                List.of("test-damaged", "test-cut", "test-legacy-damaged", "test-discard", "test-throttled")) {
            IngestEvents.need(module, "none");
        }
        Thread.sleep(1500); // a puller stops after the call in progress
    }

    @AfterAll
    static void stopTenant() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void shouldDeliverEveryGoodRecordOfDamagedV2PagesOnceAndKeepTheRest() throws Exception {
        // Given a tenant whose first four pages are damaged, one way each; the cut one only once
        sim.addToken("tok-damaged", "read:/api/v2/events/dataexport/*");
        corrupt(MALWARE_PATH, "non-objects", 0, 1);
        corrupt(MALWARE_PATH, "invalid-utf8", 2, 1);
        corrupt(MALWARE_PATH, "bad-json", 4, 1);
        corrupt(MALWARE_PATH, "truncate", 3, 1);
        try (DataTap tap = new DataTap("damaged")) {
            // When
            IngestEvents.tenant(secrets, sim.url(), "damaged", "tok-damaged", null);
            IngestEvents.need("test-damaged", "damaged", "alerts.malware");
            // Then every record but the two damaged ones arrives, once
            List<String> damaged = damaged(MALWARE_PATH);
            assertThat(damaged).hasSize(2 + 297); // utf-8, NaN; the cut page: its records from position 3
            List<String> lost = damaged.subList(0, 2);
            long expected = sim.available("alerts.malware") - lost.size();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(tap.distinct("alerts.malware"))
                    .isEqualTo(expected));
            assertThat(tap.ids.get("alerts.malware")).doesNotContainAnyElementsOf(lost);
            assertThat(tap.ids.get("alerts.malware")).containsAll(damaged.subList(2, damaged.size()));
            assertThat(tap.total("alerts.malware")).as("no record twice").isEqualTo(expected);
            assertThat(tap.problems).isEmpty();
            // and the rest is kept, counted and reported
            JsonPath status = IngestEvents.status("damaged");
            assertThat(status.getLong("streams[0].malformedElements")).isEqualTo(3 * 5 + 2);
            assertThat(status.getLong("streams[0].cutPages")).isZero();
            assertThat(status.getLong("streams[0].resentRecords"))
                    .as("the page asked for again after the cut answer was never published")
                    .isZero();
            assertThat(status.getLong("streams[0].recordsPulled")).isEqualTo(expected);
            JsonPath kept = malformed("damaged", "");
            assertThat(kept.getLong("total")).isEqualTo(17);
            assertThat(kept.getList("elements.reason", String.class))
                    .contains(
                            "null where a record belongs",
                            "a string where a record belongs",
                            "a number where a record belongs",
                            "an array where a record belongs",
                            "true or false where a record belongs")
                    .anyMatch(r -> r.startsWith("not valid JSON: Invalid UTF-8"))
                    .anyMatch(r -> r.startsWith("not valid JSON: Non-standard token 'NaN'"));
            String utf8 = kept.getString("elements.find { it.reason.contains('UTF-8') }.id");
            JsonPath detail = detail("damaged", utf8);
            assertThat(detail.getString("text"))
                    .contains("caf\\xE9 \\xFF\\xC3(")
                    .contains(lost.get(0));
            assertThat(java.util.Base64.getDecoder().decode(detail.getString("base64")))
                    .contains((byte) 0xFF);
            assertThat(detail.getInt("element.position")).isEqualTo(2);
            assertThat(detail.getString("element.request")).isEqualTo("v2 next");
            assertThat(logged("INGEST-MALFORMED", "damaged")).isTrue();
            assertThat(metric("ce_ingest_malformed_total{kind=\"alerts\",subtype=\"malware\",tenant=\"damaged\"}"))
                    .isEqualTo(17.0);
        }
    }

    @Test
    void shouldTakeAPageThatEndsEarlyEveryTimeAfterTheThirdAskAndReportWhatWasCut() throws Exception {
        sim.addToken("tok-cut", "read:/api/v2/events/dataexport/*");
        corrupt(MALWARE_PATH, "truncate", 3, 3);
        try (DataTap tap = new DataTap("cut")) {
            IngestEvents.tenant(secrets, sim.url(), "cut", "tok-cut", null);
            IngestEvents.need("test-cut", "cut", "alerts.malware");

            // the three records before the cut arrive, the cut one is kept, the tenant's iterator moved on
            long expected = sim.available("alerts.malware") - 297;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(tap.distinct("alerts.malware")).isEqualTo(expected);
                assertThat(IngestEvents.status("cut").getLong("streams[0].cutPages"))
                        .isEqualTo(1);
            });
            assertThat(tap.total("alerts.malware")).isEqualTo(expected);
            JsonPath kept = malformed("cut", "");
            assertThat(kept.getLong("total")).isEqualTo(1);
            assertThat(kept.getString("elements[0].reason")).startsWith("the answer ended inside this element");
            assertThat(kept.getInt("elements[0].position")).isEqualTo(3);
            assertThat(logged("INGEST-PAGE-CUT", "cut")).isTrue();
        }
    }

    @Test
    void shouldGoOnAfterDamagedV1PagesFromTheNextElement() throws Exception {
        // v1 pages of 5000: the first answer ends inside its fourth record (three times), the next
        // holds elements that are no records, the next a record that is not UTF-8
        // v1 windows end 2 s before now: wait until the whole history lies in the first window with records
        Thread.sleep(3000);
        corrupt(V1_EVENTS_PATH, "truncate", 3, 3);
        corrupt(V1_EVENTS_PATH, "non-objects", 0, 1);
        corrupt(V1_EVENTS_PATH, "invalid-utf8", 2, 1);
        try (DataTap tap = new DataTap("legacy-damaged")) {
            IngestEvents.tenant(secrets, sim.url(), "legacy-damaged", null, "v1-damaged");
            IngestEvents.need("test-legacy-damaged", "legacy-damaged", "events.page");

            // only the cut record and the one that is not UTF-8 are missing: the offset went on after
            // the cut element, and over the elements that are no records without skipping records
            long expected = sim.available("events.page") - 2;
            awaitDistinct(tap, "events.page", expected, 90);
            Thread.sleep(2000); // windows keep moving: nothing may come twice
            assertThat(tap.total("events.page")).isEqualTo(expected);
            List<String> damaged = damaged(V1_EVENTS_PATH);
            String cutRecord = damaged.get(0);
            String notUtf8 = damaged.get(damaged.size() - 1);
            assertThat(tap.ids.get("events.page")).doesNotContain(cutRecord, notUtf8);
            JsonPath status = IngestEvents.status("legacy-damaged");
            assertThat(status.getLong("streams[0].malformedElements")).isEqualTo(1 + 15 + 1);
            assertThat(status.getLong("streams[0].cutPages")).isEqualTo(1);
            assertThat(malformed("legacy-damaged", "?kind=events&subtype=page")
                            .getList("elements.request", String.class))
                    .allMatch(r -> r.startsWith("v1 "));
        }
    }

    @Test
    void shouldAskForACutPageAgainEvenWhenTheCallAfterItIsThrottled() throws Exception {
        // Given a second page that ends early, and the call that asks for it again refused with 429: the
        // tenant handed that page out, so only 'resend' brings it; 'next' would go past it
        sim.addToken("tok-throttled", "read:/api/v2/events/dataexport/*");
        corrupt(MALWARE_PATH, "non-objects", 0, 1);
        corrupt(MALWARE_PATH, "truncate", 3, 1);
        sim.fault(Map.of("kind", "error", "status", 429, "count", 1, "after", 2, "pathPrefix", MALWARE_PATH));
        try (DataTap tap = new DataTap("throttled")) {
            IngestEvents.tenant(secrets, sim.url(), "throttled", "tok-throttled", null);
            IngestEvents.need("test-throttled", "throttled", "alerts.malware");

            awaitDistinct(tap, "alerts.malware", sim.available("alerts.malware"), 60);
            assertThat(sim.get("/sim/faults").path("faults").size())
                    .as("every fault was hit")
                    .isZero();
            assertThat(sim.get("/sim/stats")
                            .path("served")
                            .path(MALWARE_PATH)
                            .path("fault-error")
                            .asInt())
                    .isEqualTo(1);
            assertThat(tap.total("alerts.malware")).isEqualTo(sim.available("alerts.malware"));
        }
    }

    @Test
    void shouldLetOnlyAnAdministratorDiscardKeptElements() throws Exception {
        sim.addToken("tok-discard", "read:/api/v2/events/dataexport/*");
        corrupt(MALWARE_PATH, "non-objects", 0, 1);
        try (DataTap tap = new DataTap("discard")) {
            IngestEvents.tenant(secrets, sim.url(), "discard", "tok-discard", null);
            IngestEvents.need("test-discard", "discard", "alerts.malware");
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(malformed("discard", "").getLong("total"))
                            .isEqualTo(15));

            String one = malformed("discard", "").getString("elements[0].id");
            given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .delete("/api/tenants/discard/ingest/malformed/" + one)
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(TestJwt.role("admin").sign())
                    .delete("/api/tenants/discard/ingest/malformed/" + one)
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(TestJwt.role("admin").sign())
                    .get("/api/tenants/other/ingest/malformed/" + one)
                    .then()
                    .statusCode(404);
            assertThat(given().auth()
                            .oauth2(TestJwt.role("admin").sign())
                            .post("/api/tenants/discard/ingest/malformed/discard")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getLong("elements"))
                    .isEqualTo(14);
            assertThat(malformed("discard", "").getLong("total")).isZero();
            given().auth()
                    .oauth2(TestJwt.role("read-only").sign())
                    .get("/api/tenants/discard/ingest/malformed?limit=0")
                    .then()
                    .statusCode(400);
        }
    }

    // ---- helpers ----

    private static void awaitDistinct(DataTap tap, String stream, long expected, int seconds) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(seconds))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(tap.distinct(stream)).isEqualTo(expected));
        } catch (AssertionError | RuntimeException e) {
            System.out.println("tap: " + tap.records + "\nsimulator: "
                    + sim.get("/sim/stats").path("served") + "\nfaults left: " + sim.get("/sim/faults"));
            throw e;
        }
    }

    private static void corrupt(String path, String corruption, int position, int count) throws Exception {
        sim.fault(Map.of(
                "kind", "corrupt", "corruption", corruption, "position", position, "count", count, "pathPrefix", path));
    }

    /** The ids of the records the simulator's corruptions damaged or cut off on a path, in order. */
    private static List<String> damaged(String path) throws Exception {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sim.get("/sim/faults").path("faults").isEmpty());
        for (JsonNode id : sim.get("/sim/stats").path("damaged").path(path)) {
            ids.add(id.asText());
        }
        return ids;
    }

    private static JsonPath malformed(String tenant, String query) {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/tenants/" + tenant + "/ingest/malformed" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath detail(String tenant, String id) {
        return given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/tenants/" + tenant + "/ingest/malformed/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Whether the platform log holds an entry with the code about the tenant (within 10 s). */
    private static boolean logged(String code, String tenant) {
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<String> codes = given().auth()
                        .oauth2(TestJwt.role("read-only").sign())
                        .queryParam("text", "Tenant " + tenant + ":")
                        .get("/api/logs")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("entries.errorCode", String.class);
                return codes.contains(code);
            });
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private static double metric(String line) {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String l : metrics.split("\n")) {
            if (l.startsWith(line + " ")) {
                return Double.parseDouble(l.substring(line.length() + 1));
            }
        }
        return -1;
    }
}
