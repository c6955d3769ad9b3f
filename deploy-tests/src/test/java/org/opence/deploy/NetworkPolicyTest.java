package org.opence.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's network policies: from outside the release only the gateway's HTTPS port is reachable. */
class NetworkPolicyTest {

    private final KubernetesObjects objects = Chart.renderHighAvailability();
    private final List<NetworkPolicy> policies = objects.of(NetworkPolicy.class);

    @Test
    void shouldDenyAllIngressToEveryPodOfTheReleaseUnlessAdmitted() {
        NetworkPolicy deny = objects.named(NetworkPolicy.class, Chart.name("default-deny"));

        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(deny.getSpec().getIngress()).isEmpty();
        objects.podTemplates().forEach((owner, template) -> assertThat(selects(
                        deny.getSpec().getPodSelector(), template.getMetadata().getLabels()))
                .as(owner + " is under the default deny")
                .isTrue());
    }

    @Test
    void shouldAdmitTrafficFromOutsideTheReleaseOnlyToTheGatewaysHttpsPort() {
        Map<String, String> gatewayPods = objects.podTemplates()
                .get(Chart.name("ui-gateway"))
                .getMetadata()
                .getLabels();
        int httpsPort = Repository.defaultPort("ui-gateway", "quarkus.http.ssl-port");

        for (NetworkPolicy policy : policies) {
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                if (!admitsOutsiders(rule)) {
                    continue;
                }
                String what = policy.getMetadata().getName();
                objects.podTemplates().forEach((owner, template) -> {
                    if (selects(
                            policy.getSpec().getPodSelector(),
                            template.getMetadata().getLabels())) {
                        assertThat(template.getMetadata().getLabels())
                                .as(what + " opens " + owner)
                                .isEqualTo(gatewayPods);
                    }
                });
                assertThat(rule.getPorts())
                        .as(what + " opens only HTTPS")
                        .singleElement()
                        .satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(httpsPort));
            }
        }
        assertThat(policies).as("some policy admits the users").anyMatch(p -> p.getSpec().getIngress().stream()
                .anyMatch(NetworkPolicyTest::admitsOutsiders));
    }

    @Test
    void shouldLetOnlyTheServicesReachTheStores() {
        for (String store : List.of("mongodb", "rabbitmq")) {
            NetworkPolicy policy = objects.named(NetworkPolicy.class, Chart.name(store));
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertThat(rule.getFrom()).as(store).isNotEmpty().allSatisfy(peer -> {
                    assertThat(peer.getNamespaceSelector()).isNull();
                    assertThat(peer.getIpBlock()).isNull();
                    assertThat(peer.getPodSelector().getMatchLabels())
                            .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                            .doesNotContainEntry("opence.org/tier", "gateway");
                });
            }
        }
    }

    /** A rule without sources admits everyone; a namespace selector or an IP block admits others than the release. */
    private static boolean admitsOutsiders(NetworkPolicyIngressRule rule) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPeer peer : rule.getFrom()) {
            if (peer.getIpBlock() != null || peer.getNamespaceSelector() != null || peer.getPodSelector() == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions())
                .as("only matchLabels are used")
                .isEmpty();
        return labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }
}
