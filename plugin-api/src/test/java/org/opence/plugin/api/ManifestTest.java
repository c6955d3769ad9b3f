package org.opence.plugin.api;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opence.plugin.api.cte.Indicator;
import org.opence.plugin.api.cte.IndicatorType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestTest {

    @Test
    void shouldRefuseManifestsThePlatformCouldNotHandle() {
        assertThatThrownBy(() -> manifest("Splunk HEC", "1.0.0", ModuleType.CTE, List.of()))
                .hasMessageContaining("plugin id 'Splunk HEC'");
        assertThatThrownBy(() -> manifest("splunk-hec", "1.0", ModuleType.CTE, List.of()))
                .hasMessageContaining("version '1.0' must be a version like 1.4.2");
        assertThatThrownBy(() -> manifest("splunk-hec", "1.0.0", ModuleType.CLS, List.of()))
                .hasMessageContaining("a CLS plugin must declare the data types");
        assertThatThrownBy(() -> manifest(
                        "dup",
                        "1.0.0",
                        ModuleType.CTE,
                        List.of(ConfigField.text("url", "A"), ConfigField.text("url", "B"))))
                .hasMessageContaining("declares a configuration key twice");
        assertThatThrownBy(() -> ConfigField.choice("mode", "Mode")).hasMessageContaining("needs at least one choice");
    }

    @Test
    void shouldOrderVersionsAsReleasesDo() {
        assertThat(SemanticVersion.parse("1.10.0", "v")).isGreaterThan(SemanticVersion.parse("1.9.3", "v"));
        assertThat(SemanticVersion.parse("2.0.0-SNAPSHOT", "v")).isLessThan(SemanticVersion.parse("2.0.0", "v"));
        assertThat(SemanticVersion.parse("2.0.0", "v")).isEqualByComparingTo(SemanticVersion.parse("2.0.0", "v"));
    }

    @Test
    void shouldCheckIndicatorsAtTheBoundary() {
        assertThat(Indicator.of("d41d8cd98f00b204e9800998ecf8427e", IndicatorType.MD5)
                        .reputation())
                .isEqualTo(5);
        assertThatThrownBy(() -> Indicator.of("d41d8cd9", IndicatorType.MD5)).hasMessageContaining("is not an MD5");
        assertThatThrownBy(() -> Indicator.of("abc", IndicatorType.SHA256)).hasMessageContaining("is not a SHA-256");
        assertThatThrownBy(() ->
                        new Indicator("evil.example", IndicatorType.DOMAIN, null, 11, null, null, null, null, null))
                .hasMessageContaining("reputation must be 1 to 10");
    }

    private static PluginManifest manifest(String id, String version, ModuleType module, List<ConfigField> fields) {
        return new PluginManifest(
                id, "Name", version, module, "d", "0.1.0", Set.of(Capability.PUSH), null, fields, List.of(), List.of());
    }
}
