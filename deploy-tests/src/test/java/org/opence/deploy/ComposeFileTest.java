package org.opence.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/compose/compose.yaml: every container complete and wired to the others, as the services read it. */
class ComposeFileTest {

    private static final String DATA = "${CE_DATA_DIR:-../../data}";
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parseComposeFile() {
        compose =
                new Yaml(new SafeConstructor(new LoaderOptions())).load(Repository.read("deploy/compose/compose.yaml"));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    static Set<String> allServices() {
        parseComposeFile();
        return services.keySet();
    }

    static List<String> modules() {
        return Repository.deployableModules();
    }

    @ParameterizedTest
    @MethodSource("allServices")
    void shouldGiveEveryContainerAnImageHealthCheckMemoryLimitAndRestartPolicy(String name) {
        Map<String, Object> service = services.get(name);

        assertThat((String) service.get("image")).as(name + " image").isNotBlank();
        List<?> test = (List<?>) map(service, "healthcheck").get("test");
        assertThat(test).as(name + " health check").isNotEmpty();
        assertThat(test.get(0)).as(name + " health check").isIn("CMD", "CMD-SHELL");
        assertThat(memoryLimit(service)).as(name + " memory limit").matches("\\d+[kmg]b?");
        assertThat(service.get("restart")).as(name + " restart policy").isIn("always", "unless-stopped", "on-failure");
    }

    @Test
    void shouldRunEveryServiceBesideMongoDbAndRabbitMq() {
        Set<String> expected = new TreeSet<>(Repository.deployableModules());
        expected.add("mongodb");
        expected.add("rabbitmq");

        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String module : Repository.deployableModules()) {
            assertThat((String) services.get(module).get("image"))
                    .as("the name scripts/build-images gives it")
                    .matches("\\$\\{CE_IMAGE_PREFIX:-opence}/" + module + ":\\$\\{CE_IMAGE_TAG:-latest}");
        }
    }

    @Test
    void shouldFitTheSmallestDocumentedSize() {
        long total = 0;
        for (Map<String, Object> service : services.values()) {
            String limit = memoryLimit(service);
            assertThat(limit).as("memory limit").isNotNull();
            total += Long.parseLong(limit.replaceAll("\\D", "")) * (limit.contains("g") ? 1024 : 1);
        }
        assertThat(total)
                .as("MiB of all memory limits (the original's smallest size has 4 GB)")
                .isLessThanOrEqualTo(4096);
    }

    @ParameterizedTest
    @MethodSource("modules")
    void shouldRunEveryServiceReadOnlyAsNonRootAndCheckItsReadiness(String module) {
        Map<String, Object> service = services.get(module);
        String test = String.join(" ", strings(map(service, "healthcheck").get("test")));

        assertThat(test).contains("/q/health/ready").containsPattern("/" + Repository.healthPort(module) + "\\b");
        assertThat((String) service.get("user")).doesNotStartWith("0:").doesNotStartWith("root");
        assertThat(service.get("read_only")).isEqualTo(true);
        assertThat(strings(service.get("tmpfs"))).contains("/tmp");
        assertThat(strings(service.get("cap_drop"))).contains("ALL");
        assertThat(strings(service.get("env_file")))
                .as("the settings scripts/setup writes")
                .contains(DATA + "/ce.env");
        assertThat(environment(module)).containsEntry("CE_HTTP_HOST", "0.0.0.0");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void shouldPutEveryServiceOnTheReplicaSetAndTheBrokerWithQuorumQueues(String module) {
        if (module.equals("ui-gateway")) {
            return; // the gateway uses neither
        }
        Map<String, String> env = environment(module);

        assertThat(env).containsEntry("CE_BUS_QUEUE_TYPE", "quorum");
        assertThat(env.get("CE_MONGODB_URI"))
                .startsWith("mongodb://")
                .contains("@mongodb:27017/")
                .contains("replicaSet=rs0");
        assertThat(env.get("CE_RABBITMQ_URL")).startsWith("amqp://").contains("@rabbitmq:5672");
        Map<String, Object> dependsOn = map(services.get(module), "depends_on");
        assertThat(map(dependsOn, "mongodb")).containsEntry("condition", "service_healthy");
        assertThat(map(dependsOn, "rabbitmq")).containsEntry("condition", "service_healthy");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void shouldOverrideEveryDefaultThatPointsAtLoopback(String module) {
        Map<String, String> env = environment(module);

        assertThat(ServiceConfiguration.loopbackSettings(module)).allSatisfy((key, value) -> assertThat(env)
                .as(module + ": " + key + "=" + value + " would point the container at itself")
                .containsKey(ServiceConfiguration.toEnv(key)));
    }

    @Test
    void shouldRunMongoDb8AsAReplicaSetThatItsHealthCheckInitiates() {
        Map<String, Object> mongodb = services.get("mongodb");
        List<String> command = strings(mongodb.get("command"));
        String health = String.join(" ", strings(map(mongodb, "healthcheck").get("test")));

        assertThat((String) mongodb.get("image")).matches("mongo:8(\\..*)?");
        assertThat(command).containsSubsequence("--replSet", "rs0").contains("--keyFile");
        assertThat(health).contains("rs.initiate").contains("_id: 'rs0'").contains("host: 'mongodb:27017'");
        assertThat(strings(mongodb.get("volumes"))).contains(DATA + "/mongodb:/data/db");
    }

    @Test
    void shouldRunRabbitMq4WithTheManagementPlugin() {
        Map<String, Object> rabbitmq = services.get("rabbitmq");

        assertThat((String) rabbitmq.get("image")).matches("rabbitmq:4[\\d.]*-management(-alpine)?");
        assertThat(rabbitmq.get("hostname"))
                .as("a stable node name keeps the data")
                .isEqualTo("rabbitmq");
        assertThat(strings(rabbitmq.get("volumes"))).contains(DATA + "/rabbitmq:/var/lib/rabbitmq");
    }

    @Test
    void shouldPublishOnlyTheUiPortWithTheCertificatesFromSetup() {
        Map<String, Object> gateway = services.get("ui-gateway");
        int httpsPort = Repository.defaultPort("ui-gateway", "quarkus.http.ssl-port");
        String dataDir = environment("ui-gateway").get("CE_DATA_DIR");

        assertThat(strings(gateway.get("ports"))).containsExactly("${CE_UI_PORT:-8443}:" + httpsPort);
        assertThat(strings(gateway.get("volumes"))).contains(DATA + "/ssl_certs:" + dataDir + "/ssl_certs:ro");
        for (String name : services.keySet()) {
            if (!name.equals("ui-gateway")) {
                assertThat(strings(services.get(name).get("ports")))
                        .as(name + " publishes nothing beyond this host")
                        .allMatch(port -> port.startsWith("127.0.0.1:"));
            }
        }
    }

    @Test
    void shouldKeepAllDataUnderTheDataDirectory() {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (String volume : strings(service.getValue().get("volumes"))) {
                assertThat(volume).as(service.getKey()).startsWith(DATA + "/");
            }
        }
        assertThat(compose).doesNotContainKey("volumes");
    }

    @Test
    void shouldPointTheStatusAtEveryServiceByItsComposeName() {
        Map<String, String> env = environment("core-service");
        Pattern healthKey = Pattern.compile("core\\.services\\.([a-z\\-]+)\\.health");
        List<String> checked = new ArrayList<>();
        for (String key : propertyKeys("core-service")) {
            Matcher m = healthKey.matcher(key);
            if (m.matches()) {
                String service = m.group(1);
                assertThat(env.get(ServiceConfiguration.toEnv(key)))
                        .as(key)
                        .isEqualTo("http://" + service + ":" + Repository.healthPort(service) + "/q/health");
                assertThat(services).containsKey(service);
                checked.add(service);
            }
        }
        assertThat(checked).containsExactlyInAnyOrderElementsOf(Repository.deployableModules());
    }

    @Test
    void shouldRouteTheGatewayToEveryServiceByItsComposeName() {
        Map<String, String> env = environment("ui-gateway");
        Pattern routeKey = Pattern.compile("gateway\\.routes\\.([a-z\\-]+)\\.url");
        List<String> routed = new ArrayList<>();
        for (String key : propertyKeys("ui-gateway")) {
            Matcher m = routeKey.matcher(key);
            if (m.matches()) {
                String service = m.group(1);
                assertThat(env.get(ServiceConfiguration.toEnv(key)))
                        .as(key)
                        .isEqualTo("http://" + service + ":" + Repository.defaultPort(service, "quarkus.http.port"));
                routed.add(service);
            }
        }
        assertThat(routed).isNotEmpty().allMatch(services::containsKey);
    }

    @Test
    void shouldSetOnlyVariablesTheServicesRead() {
        ServiceConfiguration config = ServiceConfiguration.ofDeployedServices();
        for (String module : Repository.deployableModules()) {
            for (String variable : environment(module).keySet()) {
                assertThat(config.reads(variable) || variable.equals("JAVA_OPTS"))
                        .as(module + " reads " + variable + " (a misspelt variable is silently ignored)")
                        .isTrue();
            }
        }
    }

    @Test
    void shouldListEveryVariableTheServicesReadInTheEnvTemplate() {
        ServiceConfiguration config = ServiceConfiguration.ofDeployedServices();
        Set<String> template = templateVariables();

        assertThat(config.mappingPrefixes()).contains("ce", "core", "gateway");
        assertThat(config.environmentVariables()).contains("CE_RABBITMQ_URL", "CE_BUS_QUEUE_TYPE", "CE_PORTS_CLS");
        assertThat(template)
                .as("deploy/compose/ce.env.template lists every variable the services read")
                .containsAll(config.environmentVariables());
        for (Pattern open : config.openEnvironmentVariables()) {
            assertThat(template).as("an example of " + open).anyMatch(v -> open.matcher(v)
                    .matches());
        }
    }

    @Test
    void shouldListEveryVariableOfTheComposeFileAndOfSetupInTheEnvTemplate() {
        Set<String> template = templateVariables();
        Matcher interpolated =
                Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(Repository.read("deploy/compose/compose.yaml"));
        Set<String> used = new TreeSet<>();
        while (interpolated.find()) {
            used.add(interpolated.group(1));
        }
        Matcher written =
                Pattern.compile("(?:echo \"|var in )([A-Z][A-Z0-9_ ]*)").matcher(Repository.read("scripts/setup"));
        while (written.find()) {
            for (String name : written.group(1).trim().split(" ")) {
                used.add(name);
            }
        }

        assertThat(used).contains("CE_DATA_DIR", "CE_UI_PORT", "CE_COMPOSE_MONGODB_PASSWORD");
        assertThat(template).containsAll(used);
    }

    private static String memoryLimit(Map<String, Object> service) {
        Object limit = service.containsKey("mem_limit")
                ? service.get("mem_limit")
                : map(map(map(service, "deploy"), "resources"), "limits").get("memory");
        return limit == null ? null : String.valueOf(limit);
    }

    private static Set<String> templateVariables() {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^#?\\s*([A-Z][A-Z0-9_]*)=")
                .matcher(Repository.read("deploy/compose/ce.env.template"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> propertyKeys(String module) {
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-z][\\w.\\-]*)=")
                .matcher(Repository.read(module + "/src/main/resources/application.properties"));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(services.get(service), "environment").forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        assertThat(list).isInstanceOf(List.class);
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
