package org.opence.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The image of every service: JVM mode from the fast-jar, small JRE 17 base, non-root, health check. */
class DockerfileTest {

    static List<String> modules() {
        return Repository.deployableModules();
    }

    @Test
    void shouldHaveAnImageForEveryServiceTheScriptsStart() {
        assertThat(Repository.deployableModules()).containsExactlyInAnyOrderElementsOf(Repository.startedServices());
    }

    @ParameterizedTest
    @MethodSource("modules")
    void shouldRunTheFastJarOnAJre17AsANonRootUser(String module) {
        String dockerfile = Repository.read(module + "/src/main/docker/Dockerfile.jvm");

        assertThat(instruction(dockerfile, "FROM"))
                .matches("eclipse-temurin:17(\\.[\\d.]+)?-jre.*|.*openjdk-17-runtime.*");
        for (String part : List.of("lib/", "app/", "quarkus/", "quarkus-run.jar")) {
            assertThat(dockerfile).as(module + " copies the fast-jar's " + part).contains("target/quarkus-app/" + part);
        }
        assertThat(instruction(dockerfile, "ENTRYPOINT")).contains("quarkus-run.jar");

        String user = instruction(dockerfile, "USER");
        String uid = user.startsWith("${APP_UID}") ? argDefault(dockerfile, "APP_UID") : user.split(":")[0];
        assertThat(uid)
                .as("a numeric uid, so that Kubernetes can check runAsNonRoot")
                .matches("\\d+");
        assertThat(Integer.parseInt(uid)).as("uid of " + module).isPositive();
    }

    @ParameterizedTest
    @MethodSource("modules")
    void shouldListenOnEveryInterfaceAndCheckReadinessOnTheServicePort(String module) {
        String dockerfile = Repository.read(module + "/src/main/docker/Dockerfile.jvm");
        int port = Repository.healthPort(module);

        assertThat(dockerfile).containsPattern("CE_HTTP_HOST=0\\.0\\.0\\.0");
        assertThat(instruction(dockerfile, "EXPOSE")).contains(String.valueOf(port));
        String healthcheck = instruction(dockerfile, "HEALTHCHECK");
        assertThat(healthcheck).contains("/q/health/ready").containsPattern("[:/-]" + port + "\\b");
        if (module.equals("ui-gateway")) {
            assertThat(dockerfile)
                    .as("core-service and the orchestrator reach the gateway's health only off loopback")
                    .contains("QUARKUS_MANAGEMENT_HOST=0.0.0.0");
            assertThat(instruction(dockerfile, "EXPOSE"))
                    .contains(String.valueOf(Repository.defaultPort(module, "quarkus.http.ssl-port")));
        }
    }

    /** The arguments of the last instruction of that name, continuation lines joined. */
    private static String instruction(String dockerfile, String name) {
        String joined = dockerfile.replaceAll("\\\\\\n", " ");
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(.*)$").matcher(joined);
        String last = null;
        while (m.find()) {
            last = m.group(1).trim();
        }
        assertThat(last).as("instruction " + name).isNotNull();
        return last;
    }

    private static String argDefault(String dockerfile, String arg) {
        Matcher m = Pattern.compile("(?m)^ARG\\s+" + arg + "=(\\S+)").matcher(dockerfile);
        assertThat(m.find()).as("ARG " + arg + " with a default").isTrue();
        return m.group(1);
    }
}
