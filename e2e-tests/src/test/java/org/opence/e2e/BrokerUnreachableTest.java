package org.opence.e2e;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerUnreachableTest {

    @Test
    void shouldRefuseToStartWithAMessageThatSaysHowToFixIt() throws Exception {
        // Given a broker address where nothing listens
        Suite suite = new Suite(Files.createTempDirectory("opence-e2e-nobroker"));
        suite.env.put("CE_RABBITMQ_URL", "amqp://guest:hunter2-pw@127.0.0.1:1/%2f");

        // When the suite is started
        Suite.Run start = suite.script("start");

        // Then it fails at once, names the address and the fix, hides the password and starts nothing
        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.output())
                .contains("RabbitMQ is not reachable at 127.0.0.1:1")
                .contains("rabbitmq-server -detached")
                .contains("CE_RABBITMQ_URL")
                .doesNotContain("hunter2-pw");
        assertThat(start.took().toSeconds()).isLessThan(20);
        try (var pids = Files.list(suite.dataDir.resolve("run"))) {
            assertThat(pids).isEmpty();
        } finally {
            suite.deleteDataDirectory();
        }
    }
}
