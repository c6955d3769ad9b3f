package org.opence.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/k8s/ is exactly what the chart renders, so kubectl users get what Helm users get. */
class RenderedManifestsTest {

    static final Path MANIFEST = Repository.path("deploy/k8s/open-cloud-exchange.yaml");
    static final Path VALUES = Repository.path("deploy/k8s/values.yaml");
    static final String REGENERATE = "mvn -B -pl deploy-tests verify -Dopence.regenerate-k8s=true";

    @Test
    void shouldBeWhatTheChartRenders() throws IOException {
        String rendered = header() + Chart.render(List.of(VALUES), Map.of());
        if (Boolean.getBoolean("opence.regenerate-k8s")) {
            Files.writeString(MANIFEST, rendered);
        }

        assertThat(Files.exists(MANIFEST))
                .as(MANIFEST + " is missing; regenerate it: " + REGENERATE)
                .isTrue();
        assertThat(Files.readString(MANIFEST))
                .as("deploy/k8s/open-cloud-exchange.yaml differs from the chart; regenerate it: " + REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void shouldHoldNoGeneratedSecret() {
        KubernetesObjects objects = KubernetesObjects.parse(Chart.render(List.of(VALUES), Map.of()));

        assertThat(objects.of(Secret.class))
                .as("secrets come from Secrets the operator creates")
                .isEmpty();
    }

    private static String header() {
        return "# Open Cloud Exchange for kubectl: rendered from deploy/helm/open-cloud-exchange with\n"
                + "# deploy/k8s/values.yaml (release " + Chart.RELEASE + ", namespace " + Chart.NAMESPACE
                + "). Do not edit; regenerate with\n#   " + REGENERATE + "\n"
                + "# Before applying, create the Secrets it expects: see docs/deployment.md.\n";
    }
}
