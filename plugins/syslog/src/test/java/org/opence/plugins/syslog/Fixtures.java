package org.opence.plugins.syslog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.opence.plugin.api.Notifier;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginHttpClient;
import org.opence.plugin.api.PluginLogger;
import org.opence.plugin.api.PluginStorage;
import org.opence.plugin.testkit.TestContext;

/** Configurations, a plugin with a fixed clock and short timeouts, and the messages to expect. */
final class Fixtures {

    static final long AT = Instant.parse("2024-05-01T09:30:00.123Z").toEpochMilli();
    static final String HOSTNAME = "ce-test";

    private Fixtures() {}

    /** A plugin whose clock stands still and whose timeouts suit tests. */
    static SyslogPlugin plugin(Duration idle, Duration stall, Duration connect) {
        return new SyslogPlugin(() -> AT, new Connections(idle, stall, connect));
    }

    static SyslogPlugin plugin() {
        return plugin(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    static Map<String, Object> config(String protocol, int port) {
        Map<String, Object> config = new HashMap<>();
        config.put("host", "127.0.0.1");
        config.put("port", port);
        config.put("protocol", protocol);
        config.put("hostname", HOSTNAME);
        return config;
    }

    /** What the receiver must get for {@code msg} sent with the defaults and MSGID {@code msgId}. */
    static String rfc5424(String msgId, String msg) {
        return "<134>1 2024-05-01T09:30:00.123Z " + HOSTNAME + " opence - " + msgId + " - " + msg;
    }

    /** {@code count} distinct CEF lines with characters that need care: UTF-8, escapes, pipes. */
    static List<Object> cef(int count, int from) {
        List<Object> lines = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            lines.add("CEF:0|Netskope|Netskope|1.0|malware|Malware détecté \\| übel|8|rt=1714555800123 src=10.0.0."
                    + (i % 250) + " suser=user" + i + "@example.com cs1Label=policy cs1=Block \\= all 日本 cn1=" + i);
        }
        return lines;
    }

    static List<String> expected(String msgId, List<Object> messages) {
        return messages.stream().map(m -> rfc5424(msgId, (String) m)).toList();
    }

    /** A context for a configuration of another name (the testkit's is always 'test'). */
    static PluginContext named(String name, TestContext context) {
        return new PluginContext() {
            @Override
            public String configurationName() {
                return name;
            }

            @Override
            public Map<String, Object> configuration() {
                return context.configuration();
            }

            @Override
            public PluginStorage storage() {
                return context.storage();
            }

            @Override
            public Optional<Instant> lastRunAt() {
                return context.lastRunAt();
            }

            @Override
            public PluginLogger logger() {
                return context.logger();
            }

            @Override
            public Notifier notifier() {
                return context.notifier();
            }

            @Override
            public PluginHttpClient http() {
                return context.http();
            }
        };
    }

    /** The outcome of a push over a transport that acknowledges nothing: all written. */
    static org.opence.plugin.api.PushResult written(int count) {
        return org.opence.plugin.api.PushResult.allAccepted(count).unacknowledged();
    }
}
