package org.opence.plugin.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigValidatorTest {

    private final List<ConfigField> schema = List.of(
            ConfigField.step(
                    "connection",
                    "Connection",
                    ConfigField.text("host", "Host").required(),
                    ConfigField.number("port", "Port").withDefault(514),
                    ConfigField.password("token", "Token").required()),
            ConfigField.choice("protocol", "Protocol", Choice.of("tcp", "TCP"), Choice.of("udp", "UDP"))
                    .withDefault("tcp"),
            ConfigField.multichoice("types", "Types", Choice.of("alerts", "Alerts"), Choice.of("events", "Events")),
            ConfigField.bool("tls", "TLS"),
            ConfigField.email("owner", "Owner"));

    @Test
    void shouldAcceptAGoodConfigurationWithDefaultsLeftOut() {
        Map<String, Object> config = Map.of("host", "siem.example.com", "token", "t", "types", List.of("alerts"));

        assertThat(ConfigValidator.validate(schema, config)).isEmpty();
    }

    @Test
    void shouldRefuseValuesLongerThanAFieldHolds() {
        Map<String, Object> config = new HashMap<>(Map.of("token", "t", "types", List.of("alerts")));
        config.put("host", "h".repeat(5_000_000));

        assertThat(ConfigValidator.validate(schema, config))
                .containsExactly(new FieldProblem("host", "must be at most 8192 characters"));
    }

    @Test
    void shouldNameEveryFieldThatIsWrongAndSayWhatIsAllowed() {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "  ");
        config.put("port", "five-one-four");
        config.put("protocol", "http");
        config.put("types", List.of("alerts", "webtx"));
        config.put("tls", "yes");
        config.put("owner", "not-an-address");
        config.put("colour", "blue");

        List<FieldProblem> problems = ConfigValidator.validate(schema, config);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        new FieldProblem("host", "is required"),
                        new FieldProblem("port", "must be a number"),
                        new FieldProblem("token", "is required"),
                        new FieldProblem("protocol", "must be one of [tcp, udp]"),
                        new FieldProblem("types", "must be a list of values from [alerts, events]"),
                        new FieldProblem("tls", "must be true or false"),
                        new FieldProblem("owner", "must be an e-mail address"),
                        new FieldProblem("colour", "is not a field of this plugin"));
    }
}
