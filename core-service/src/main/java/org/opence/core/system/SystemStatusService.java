package org.opence.core.system;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.common.status.ServiceIdentity;
import org.opence.core.CoreConfig;

/** Measures the system status: every service's health, in parallel with one bus round trip. */
@ApplicationScoped
public class SystemStatusService {

    private final CoreConfig config;
    private final HealthProbe probe;
    private final BusRoundTrip roundTrip;
    private final InstallationStore installation;
    private final ServiceIdentity identity;

    public SystemStatusService(
            CoreConfig config,
            HealthProbe probe,
            BusRoundTrip roundTrip,
            InstallationStore installation,
            ServiceIdentity identity) {
        this.config = config;
        this.probe = probe;
        this.roundTrip = roundTrip;
        this.installation = installation;
        this.identity = identity;
    }

    public SystemStatus measure() throws InterruptedException {
        Map<String, CompletableFuture<HealthProbe.Result>> health = new TreeMap<>();
        Set<String> onBus = new TreeSet<>();
        config.services().forEach((name, endpoint) -> {
            health.put(name, probe.probe(endpoint.health(), config.status().healthTimeout()));
            if (endpoint.onBus()) {
                onBus.add(name);
            }
        });
        Map<String, BusRoundTrip.Answer> answers =
                roundTrip.ping(onBus, config.status().busTimeout());

        List<SystemStatus.ServiceStatus> services = new ArrayList<>();
        for (var entry : health.entrySet()) {
            String name = entry.getKey();
            HealthProbe.Result result = entry.getValue().join();
            BusRoundTrip.Answer answer = answers.get(name);
            SystemStatus.BusCheck bus = onBus.contains(name)
                    ? new SystemStatus.BusCheck(answer != null, answer == null ? null : answer.roundTripMillis())
                    : null;
            String version = result.version() != null ? result.version() : answer == null ? null : answer.version();
            String instance = result.instance() != null ? result.instance() : answer == null ? null : answer.instance();
            String detail = result.detail();
            if (bus != null && !bus.reached()) {
                String noAnswer = "no answer to the bus round trip within "
                        + config.status().busTimeout().toMillis() + " ms";
                detail = detail == null ? noAnswer : detail + "; " + noAnswer;
            }
            services.add(new SystemStatus.ServiceStatus(
                    name, result.state(), detail, version, instance, result.checks(), bus));
        }
        return summarise(services);
    }

    private SystemStatus summarise(List<SystemStatus.ServiceStatus> services) {
        List<SystemStatus.ServiceStatus> unhealthy =
                services.stream().filter(s -> !s.healthy()).toList();
        String summary = unhealthy.isEmpty()
                ? "All " + services.size() + " services are healthy and reachable on the bus."
                : unhealthy.size() + " of " + services.size() + " services need attention: "
                        + unhealthy.stream()
                                .map(s -> s.name() + " (" + s.detail() + ")")
                                .collect(Collectors.joining("; "));
        return new SystemStatus(
                unhealthy.isEmpty() ? "UP" : "DEGRADED",
                summary,
                identity.version(),
                installation.installation(),
                Instant.now(),
                services);
    }
}
