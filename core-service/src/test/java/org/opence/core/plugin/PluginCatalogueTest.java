package org.opence.core.plugin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opence.testsupport.EmbeddedMongoResource;
import org.opence.testsupport.JwtKeysResource;
import org.opence.testsupport.RabbitBroker;
import org.opence.testsupport.RabbitMqResource;
import org.opence.testsupport.TestJwt;
import org.opence.testsupport.TestPluginJars;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(EmbeddedMongoResource.class)
@WithTestResource(RabbitMqResource.class)
@WithTestResource(JwtKeysResource.class)
class PluginCatalogueTest {

    private static byte[] plugin(String id, String version, String minPlatform) throws Exception {
        String source = """
                package p;
                import java.util.*;
                import org.opence.plugin.api.*;
                import org.opence.plugin.api.cte.*;
                public class P implements CtePlugin {
                    public P() {
                        // tells the test that something ran this plugin's code in this JVM
                        System.setProperty("opence.test.constructed.%1$s", "yes");
                    }
                    public PluginManifest manifest() {
                        return new PluginManifest("%s", "Catalogue test", "%s", ModuleType.CTE, "d", "%s",
                                Set.of(Capability.PULL), null, List.of(ConfigField.text("url", "URL")), List.of(), List.of());
                    }
                }
                """.formatted(id, version, minPlatform).replace("%1$s", id);
        Path dir = Files.createTempDirectory("catalogue");
        return Files.readAllBytes(TestPluginJars.build(
                dir, id + ".jar", Map.of("p.P", source), Map.of("org.opence.plugin.api.cte.CtePlugin", "p.P")));
    }

    private static io.restassured.response.ValidatableResponse upload(byte[] jar, String role) {
        return given().auth()
                .oauth2(TestJwt.role(role).sign())
                .contentType("application/java-archive")
                .body(jar)
                .when()
                .post("/api/plugins")
                .then();
    }

    @Test
    void shouldInstallAnUploadAndAnnounceItWithTheJar() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        byte[] jar = plugin("uploaded-feed", "1.0.0", "0.1.0");
        try (var connection = RabbitBroker.connect("catalogue-test");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "plugin.installed");
            channel.basicConsume(
                    queue, true, (t, d) -> events.add(new String(d.getBody(), StandardCharsets.UTF_8)), t -> {});

            upload(jar, "super-admin")
                    .statusCode(201)
                    .body("manifest.id", equalTo("uploaded-feed"))
                    .body("manifest.module", equalTo("CTE"))
                    .body("source", equalTo("custom"));

            await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        }
        JsonPath event = JsonPath.from(events.get(0));
        assertThat(event.getString("payload.pluginId")).isEqualTo("uploaded-feed");
        assertThat(java.util.Base64.getDecoder().decode(event.getString("payload.jar")))
                .isEqualTo(jar);
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/plugins")
                .then()
                .statusCode(200)
                .body("find { it.manifest.id == 'uploaded-feed' }.manifest.configuration[0].key", equalTo("url"));
    }

    @Test
    void shouldRefuseReinstallsAndDowngradesButAcceptUpgrades() throws Exception {
        upload(plugin("versioned", "1.1.0", "0.1.0"), "super-admin").statusCode(201);

        upload(plugin("versioned", "1.1.0", "0.1.0"), "super-admin")
                .statusCode(409)
                .body("detail", equalTo("'versioned' 1.1.0 is already installed."));
        upload(plugin("versioned", "1.0.9", "0.1.0"), "super-admin")
                .statusCode(409)
                .body("detail", containsString("would be a downgrade"));
        upload(plugin("versioned", "1.2.0", "0.1.0"), "super-admin")
                .statusCode(201)
                .body("manifest.version", equalTo("1.2.0"));
    }

    @Test
    void shouldSayWhyAJarCannotBeInstalled() throws Exception {
        Path dir = Files.createTempDirectory("not-a-plugin");
        byte[] library = Files.readAllBytes(
                TestPluginJars.build(dir, "lib.jar", Map.of("x.Y", "package x; public class Y {}"), Map.of()));

        upload(library, "super-admin")
                .statusCode(400)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("holds no Open CE plugin"));
        upload(plugin("from-the-future", "1.0.0", "99.0.0"), "super-admin")
                .statusCode(400)
                .body("errors[0].message", containsString("needs Open CE 99.0.0 or newer"));
        // random bytes are said to be no jar, not "a jar without a plugin" (issue 16.10)
        upload("not a jar at all".getBytes(), "super-admin")
                .statusCode(400)
                .body("errors[0].message", containsString("is not a jar (zip) file"));
    }

    @Test
    void shouldInspectAnUploadWithoutRunningAnyOfItsCode() throws Exception {
        // the plugin's build ran its constructor to write the manifest file: that is not the platform
        byte[] refused = plugin("never-run-refused", "1.0.0", "99.0.0");
        byte[] accepted = plugin("never-run-accepted", "1.0.0", "0.1.0");
        System.clearProperty("opence.test.constructed.never-run-refused");
        System.clearProperty("opence.test.constructed.never-run-accepted");

        upload(refused, "super-admin").statusCode(400);
        upload(accepted, "super-admin").statusCode(201);
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .get("/api/plugins")
                .then()
                .statusCode(200);

        assertThat(System.getProperty("opence.test.constructed.never-run-refused"))
                .isNull();
        assertThat(System.getProperty("opence.test.constructed.never-run-accepted"))
                .isNull();
    }

    @Test
    void shouldRefuseAPluginJarWithoutItsManifestFile() throws Exception {
        String source = """
                package q;
                import java.util.*;
                import org.opence.plugin.api.*;
                import org.opence.plugin.api.cte.*;
                public class Q implements CtePlugin {
                    public PluginManifest manifest() {
                        return new PluginManifest("no-file", "x", "1.0.0", ModuleType.CTE, "d", "0.1.0",
                                Set.of(), null, List.of(), List.of(), List.of());
                    }
                }
                """;
        Path dir = Files.createTempDirectory("no-manifest-file");
        byte[] jar = Files.readAllBytes(TestPluginJars.build(
                dir, "q.jar", Map.of("q.Q", source), Map.of("org.opence.plugin.api.cte.CtePlugin", "q.Q"), false));

        upload(jar, "super-admin")
                .statusCode(400)
                .body("errors[0].message", containsString("has no META-INF/opence/plugin.json"));
    }

    @Test
    void shouldLetOnlyTheSuperAdminUploadAndDelete() throws Exception {
        upload(plugin("guarded", "1.0.0", "0.1.0"), "admin").statusCode(403);
        upload(plugin("guarded", "1.0.0", "0.1.0"), "super-admin").statusCode(201);
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .when()
                .delete("/api/plugins/guarded")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestJwt.role("super-admin").sign())
                .when()
                .delete("/api/plugins/guarded")
                .then()
                .statusCode(204);
        given().auth()
                .oauth2(TestJwt.role("super-admin").sign())
                .when()
                .delete("/api/plugins/guarded")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldTurnAPluginOffAndOnEverywhere() throws Exception {
        upload(plugin("switchable", "1.0.0", "0.1.0"), "super-admin").statusCode(201);
        List<String> events = new CopyOnWriteArrayList<>();
        String prefix = ConfigProvider.getConfig().getValue("ce.bus.prefix", String.class);
        try (var connection = RabbitBroker.connect("state-test");
                var channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, prefix + "ce.events", "plugin.state.changed");
            channel.basicConsume(
                    queue, true, (t, d) -> events.add(new String(d.getBody(), StandardCharsets.UTF_8)), t -> {});

            given().auth()
                    .oauth2(TestJwt.role("super-admin").sign())
                    .contentType("application/json")
                    .body("{\"enabled\":false}")
                    .when()
                    .put("/api/plugins/switchable/state")
                    .then()
                    .statusCode(200)
                    .body("enabled", equalTo(false));

            await().atMost(Duration.ofSeconds(5)).until(() -> !events.isEmpty());
        }
        assertThat(events.get(0)).contains("\"pluginId\":\"switchable\"").contains("\"disabled\":true");
        given().auth()
                .oauth2(TestJwt.role("read-only").sign())
                .when()
                .get("/api/plugins")
                .then()
                .body("find { it.manifest.id == 'switchable' }.enabled", equalTo(false));
        given().auth()
                .oauth2(TestJwt.role("admin").sign())
                .contentType("application/json")
                .body("{\"enabled\":true}")
                .when()
                .put("/api/plugins/switchable/state")
                .then()
                .statusCode(403);
    }
}
