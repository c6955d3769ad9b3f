package org.opence.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/helm/open-cloud-exchange: lints, renders with the default and the HA values, and every object is sound. */
class HelmChartTest {

    private static final Set<String> COMPOSITION_ONLY = Set.of("MONGODB_PASSWORD", "RABBITMQ_PASSWORD");

    @Test
    void shouldLintWithoutWarnings() {
        LintResult lint = Chart.lint();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void shouldVersionTheImagesLikeTheProject() {
        assertThat(Repository.read("deploy/helm/open-cloud-exchange/Chart.yaml"))
                .contains("appVersion: \"" + Repository.projectVersion() + "\"");
    }

    @Test
    void shouldRunEveryModuleOnceByDefaultAndThreeTimesForHighAvailability() {
        KubernetesObjects defaults = Chart.renderDefaults();
        KubernetesObjects ha = Chart.renderHighAvailability();

        for (String module : Repository.deployableModules()) {
            assertThat(defaults.named(Deployment.class, Chart.name(module))
                            .getSpec()
                            .getReplicas())
                    .isEqualTo(1);
            assertThat(ha.named(Deployment.class, Chart.name(module)).getSpec().getReplicas())
                    .isEqualTo(3);
        }
        assertThat(ha.of(StatefulSet.class))
                .extracting(s -> s.getSpec().getReplicas())
                .containsOnly(3);
        assertThat(ha.of(Deployment.class))
                .hasSize(Repository.deployableModules().size());
    }

    @Test
    void shouldRunHighAvailabilityOnAThreeMemberReplicaSetAndAThreeNodeQuorumCluster() {
        KubernetesObjects ha = Chart.renderHighAvailability();

        Container core = container(
                ha.named(Deployment.class, Chart.name("core-service")).getSpec().getTemplate());
        assertThat(env(core, "CE_MONGODB_URI"))
                .contains("replicaSet=rs0")
                .contains(Chart.name("mongodb") + "-0.")
                .contains(Chart.name("mongodb") + "-2.");
        assertThat(env(core, "CE_BUS_QUEUE_TYPE")).isEqualTo("quorum");
        String rabbitConfig = ha.named(io.fabric8.kubernetes.api.model.ConfigMap.class, Chart.name("rabbitmq"))
                .getData()
                .get("opence.conf");
        assertThat(rabbitConfig)
                .contains("classic_config.nodes.3 = rabbit@" + Chart.name("rabbitmq") + "-2.")
                .contains("cluster_partition_handling = pause_minority");
        String initScript = ha.named(io.fabric8.kubernetes.api.model.ConfigMap.class, Chart.name("mongodb-init"))
                .getData()
                .get("init-replica-set.js");
        assertThat(initScript).contains("rs.initiate").contains(Chart.name("mongodb") + "-2.");
    }

    @Test
    void shouldProbeEveryServiceAtItsQuarkusHealthEndpoints() {
        for (KubernetesObjects objects : List.of(Chart.renderDefaults(), Chart.renderHighAvailability())) {
            for (String module : Repository.deployableModules()) {
                Container c = container(objects.named(Deployment.class, Chart.name(module))
                        .getSpec()
                        .getTemplate());
                int port = Repository.healthPort(module);

                assertThat(httpProbe(c, c.getLivenessProbe())).as(module).isEqualTo(port + " /q/health/live");
                assertThat(httpProbe(c, c.getReadinessProbe())).as(module).isEqualTo(port + " /q/health/ready");
                assertThat(c.getStartupProbe())
                        .as(module + " gives a slow start time before liveness counts")
                        .isNotNull();
                assertThat(c.getImage()).isEqualTo("opence/" + module + ":" + Repository.projectVersion());
                assertThat(env(c, "CE_HTTP_HOST")).isEqualTo("0.0.0.0");
            }
        }
    }

    @Test
    void shouldLimitResourcesAndLockDownEveryContainer() {
        for (KubernetesObjects objects : List.of(Chart.renderDefaults(), Chart.renderHighAvailability())) {
            for (Map.Entry<String, PodTemplateSpec> template :
                    objects.podTemplates().entrySet()) {
                PodSpec pod = template.getValue().getSpec();
                String owner = template.getKey();
                assertThat(pod.getAutomountServiceAccountToken())
                        .as(owner + " needs no API token")
                        .isFalse();
                for (Container c : Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                        .toList()) {
                    String what = owner + "/" + c.getName();
                    assertThat(c.getResources().getRequests())
                            .as(what + " requests")
                            .containsKeys("cpu", "memory");
                    assertThat(c.getResources().getLimits())
                            .as(what + " limits")
                            .containsKey("memory");
                    assertLockedDown(what, pod.getSecurityContext(), c.getSecurityContext());
                }
                for (Container c : pod.getContainers()) {
                    assertThat(c.getVolumeMounts())
                            .as(owner + "/" + c.getName() + " writes temporary files to an emptyDir")
                            .anyMatch(m -> m.getMountPath().equals("/tmp")
                                    && m.getName().equals("tmp"));
                }
                assertThat(pod.getVolumes())
                        .filteredOn(v -> v.getName().equals("tmp"))
                        .extracting(Volume::getEmptyDir)
                        .as(owner + " has an emptyDir for /tmp")
                        .doesNotContainNull()
                        .hasSize(1);
            }
        }
    }

    @Test
    void shouldLetADrainTakeAtMostOnePodOfEachComponent() {
        KubernetesObjects ha = Chart.renderHighAvailability();
        List<PodDisruptionBudget> budgets = ha.of(PodDisruptionBudget.class);
        List<HasMetadata> workloads = Stream.concat(ha.of(Deployment.class).stream(), ha.of(StatefulSet.class).stream())
                .map(HasMetadata.class::cast)
                .toList();

        assertThat(budgets).hasSameSizeAs(workloads);
        for (HasMetadata workload : workloads) {
            Map<String, String> labels = ha.podTemplates()
                    .get(workload.getMetadata().getName())
                    .getMetadata()
                    .getLabels();
            assertThat(budgets)
                    .as(workload.getMetadata().getName() + " has a budget of one")
                    .anyMatch(b -> labels.entrySet()
                                    .containsAll(b.getSpec()
                                            .getSelector()
                                            .getMatchLabels()
                                            .entrySet())
                            && b.getSpec().getMaxUnavailable().getIntVal() == 1);
        }
    }

    @Test
    void shouldWireTheGatewayAndTheStatusToEveryService() {
        KubernetesObjects objects = Chart.renderDefaults();
        Container gateway = container(objects.named(Deployment.class, Chart.name("ui-gateway"))
                .getSpec()
                .getTemplate());
        Container core = container(objects.named(Deployment.class, Chart.name("core-service"))
                .getSpec()
                .getTemplate());

        for (String module : Repository.deployableModules()) {
            String host = "http://" + Chart.name(module) + ":" + Repository.healthPort(module);
            String var = module.toUpperCase().replace('-', '_');
            assertThat(env(core, "CORE_SERVICES_" + var + "_HEALTH")).isEqualTo(host + "/q/health");
            if (!module.equals("ui-gateway")) {
                assertThat(env(gateway, "GATEWAY_ROUTES_" + var + "_URL")).isEqualTo(host);
                assertThat(objects.named(io.fabric8.kubernetes.api.model.Service.class, Chart.name(module))
                                .getSpec()
                                .getPorts())
                        .anyMatch(p -> p.getPort() == Repository.healthPort(module));
            }
        }
        assertThat(gateway.getVolumeMounts())
                .anyMatch(m -> m.getMountPath().equals(env(gateway, "CE_DATA_DIR") + "/ssl_certs"));
    }

    @Test
    void shouldSetOnlyVariablesTheServicesRead() {
        ServiceConfiguration config = ServiceConfiguration.ofDeployedServices();
        for (String module : Repository.deployableModules()) {
            Container c = container(Chart.renderDefaults()
                    .named(Deployment.class, Chart.name(module))
                    .getSpec()
                    .getTemplate());
            for (EnvVar var : c.getEnv()) {
                assertThat(config.reads(var.getName()) || COMPOSITION_ONLY.contains(var.getName()))
                        .as(module + " reads " + var.getName() + " (a misspelt variable is silently ignored)")
                        .isTrue();
            }
        }
    }

    @Test
    void shouldOverrideEveryDefaultThatPointsAtLoopback() {
        KubernetesObjects objects = Chart.renderDefaults();
        for (String module : Repository.deployableModules()) {
            Container c = container(objects.named(Deployment.class, Chart.name(module))
                    .getSpec()
                    .getTemplate());
            Set<String> names = c.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());

            assertThat(ServiceConfiguration.loopbackSettings(module)).allSatisfy((key, value) -> assertThat(names)
                    .as(module + ": " + key + "=" + value + " would point the pod at itself")
                    .contains(ServiceConfiguration.toEnv(key)));
        }
    }

    @Test
    void shouldUseExternalStoresFromTheCredentialsSecret() {
        KubernetesObjects external = Chart.render(Map.of(
                "mongodb.bundled", "false",
                "mongodb.external.uri", "mongodb://db.example:27017/?replicaSet=prod",
                "rabbitmq.bundled", "false",
                "rabbitmq.external.url", "amqps://mq.example:5671/opence"));

        assertThat(external.of(StatefulSet.class)).isEmpty();
        Container cls = container(external.named(Deployment.class, Chart.name("cls-service"))
                .getSpec()
                .getTemplate());
        EnvVar uri = cls.getEnv().stream()
                .filter(e -> e.getName().equals("CE_MONGODB_URI"))
                .findFirst()
                .orElseThrow();
        assertThat(uri.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("mongodb-uri");
        assertThatThrownBy(() -> Chart.render(Map.of("mongodb.bundled", "false")))
                .hasMessageContaining("needs mongodb.external.uri");
    }

    @Test
    void shouldReachTheGatewayOverHttpsThroughAnIngress() {
        KubernetesObjects objects = Chart.render(Map.of("ingress.enabled", "true", "ingress.host", "ce.example.org"));

        Ingress ingress = objects.named(Ingress.class, Chart.name("ui-gateway"));
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("ce.example.org");
        assertThat(ingress.getSpec()
                        .getRules()
                        .get(0)
                        .getHttp()
                        .getPaths()
                        .get(0)
                        .getBackend()
                        .getService())
                .satisfies(s -> assertThat(s.getName()).isEqualTo(Chart.name("ui-gateway")))
                .satisfies(s -> assertThat(s.getPort().getName()).isEqualTo("https"));
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
    }

    private static void assertLockedDown(String what, PodSecurityContext pod, SecurityContext container) {
        Boolean nonRoot = container.getRunAsNonRoot() != null ? container.getRunAsNonRoot() : pod.getRunAsNonRoot();
        Long uid = container.getRunAsUser() != null ? container.getRunAsUser() : pod.getRunAsUser();
        assertThat(nonRoot).as(what + " runAsNonRoot").isTrue();
        assertThat(uid).as(what + " runs as a numeric non-root uid").isNotNull().isPositive();
        assertThat(container.getReadOnlyRootFilesystem())
                .as(what + " readOnlyRootFilesystem")
                .isTrue();
        assertThat(container.getAllowPrivilegeEscalation())
                .as(what + " allowPrivilegeEscalation")
                .isFalse();
        assertThat(container.getCapabilities().getDrop())
                .as(what + " drops capabilities")
                .contains("ALL");
    }

    static Container container(PodTemplateSpec template) {
        assertThat(template.getSpec().getContainers()).hasSize(1);
        return template.getSpec().getContainers().get(0);
    }

    static String env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name + " in "
                        + c.getEnv().stream().map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new))));
    }

    /** "PORT PATH" of an HTTP probe, with a named port resolved to the container's port number. */
    private static String httpProbe(Container c, Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).isNotNull();
        var port = probe.getHttpGet().getPort();
        int number = port.getIntVal() != null
                ? port.getIntVal()
                : c.getPorts().stream()
                        .filter(p -> port.getStrVal().equals(p.getName()))
                        .findFirst()
                        .orElseThrow()
                        .getContainerPort();
        return number + " " + probe.getHttpGet().getPath();
    }
}
