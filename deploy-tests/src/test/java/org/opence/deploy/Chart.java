package org.opence.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The Helm chart, rendered by the Helm embedded in helm-java (no helm binary, no cluster). */
final class Chart {

    static final Path DIRECTORY = Repository.path("deploy/helm/open-cloud-exchange");
    static final String RELEASE = "opence";
    static final String NAMESPACE = "opence";
    /** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion); the API versions it uses exist there. */
    static final String KUBE_VERSION = "1.25.0";

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Chart() {}

    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /** helm template opence deploy/helm/open-cloud-exchange --namespace opence [-f FILE...] [--set K=V...] */
    static String render(List<Path> valuesFiles, Map<String, String> set) {
        String key = valuesFiles + " " + set;
        return RENDERED.computeIfAbsent(key, k -> {
            TemplateCommand template = new Helm(DIRECTORY)
                    .template()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withKubeVersion(KUBE_VERSION);
            for (Path file : valuesFiles) {
                template = template.withValuesFile(file);
            }
            for (Map.Entry<String, String> value : set.entrySet()) {
                template = template.set(value.getKey(), value.getValue());
            }
            return template.call();
        });
    }

    static KubernetesObjects renderDefaults() {
        return KubernetesObjects.parse(render(List.of(), Map.of()));
    }

    static KubernetesObjects renderHighAvailability() {
        return KubernetesObjects.parse(render(List.of(DIRECTORY.resolve("values-ha.yaml")), Map.of()));
    }

    static KubernetesObjects render(Map<String, String> set) {
        return KubernetesObjects.parse(render(List.of(), set));
    }

    /** Name of a component's objects in the release. */
    static String name(String component) {
        return RELEASE + "-" + component;
    }
}
