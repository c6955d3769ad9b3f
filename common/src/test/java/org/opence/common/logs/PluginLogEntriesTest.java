package org.opence.common.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.common.plugin.PlatformContext;

import static org.assertj.core.api.Assertions.assertThat;

/** What a plugin writes through {@code PluginContext.logger()} reaches the platform log with its origin. */
class PluginLogEntriesTest {

    @Test
    void shouldWritePluginEntriesWithModulePluginAndConfigurationAndMaskSecrets() {
        List<LogEntry> written = new ArrayList<>();
        PlatformContext context = new PlatformContext(
                "CLS",
                "syslog",
                "SIEM one",
                Map.of("host", "siem.example", "apiToken", "s3cr3t-token"),
                Map.of(),
                null,
                null,
                written::add);

        context.logger().info("connected to siem.example");
        context.logger().warn("slow answer");
        context.logger()
                .error(
                        "push refused with token s3cr3t-token",
                        "SYSLOG-CONNECT",
                        "connection refused",
                        "check the host and port");

        assertThat(written).hasSize(3);
        assertThat(written).allSatisfy(e -> {
            assertThat(e.module()).isEqualTo("cls");
            assertThat(e.plugin()).isEqualTo("syslog");
            assertThat(e.configuration()).isEqualTo("SIEM one");
        });
        assertThat(written)
                .extracting(LogEntry::level)
                .containsExactly(LogLevel.info, LogLevel.warning, LogLevel.error);
        LogEntry error = written.get(2);
        assertThat(error.errorCode()).isEqualTo("SYSLOG-CONNECT");
        assertThat(error.details()).isEqualTo("connection refused");
        assertThat(error.resolution()).isEqualTo("check the host and port");
        assertThat(error.message())
                .isEqualTo("push refused with token ********")
                .doesNotContain("s3cr3t");
    }
}
