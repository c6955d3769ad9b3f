package org.opence.plugins.syslog;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.opence.plugin.api.Capability;
import org.opence.plugin.api.Choice;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.PushResult.FailedItem;
import org.opence.plugin.api.ValidationResult;
import org.opence.plugin.api.cls.ClsPlugin;

/**
 * Log Shipper destination for syslog servers. The platform has already formatted each record (CEF,
 * LEEF or a JSON line); this plugin adds the syslog header (RFC 5424 or RFC 3164), the framing (RFC
 * 6587 octet counting or a line feed) and carries the messages over UDP, TCP or TLS. TCP and TLS
 * connections stay open between pushes, one per configuration.
 */
public class SyslogPlugin implements ClsPlugin {

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final LongSupplier clock;
    private final Connections connections;

    public SyslogPlugin() {
        this(System::currentTimeMillis, new Connections(IDLE_TIMEOUT, STALL_TIMEOUT, CONNECT_TIMEOUT));
    }

    SyslogPlugin(LongSupplier clock, Connections connections) {
        this.clock = clock;
        this.connections = connections;
    }

    @Override
    public PluginManifest manifest() {
        return new PluginManifest(
                "syslog",
                "Syslog",
                "1.0.0",
                ModuleType.CLS,
                "Sends alerts and events, formatted as CEF, LEEF or JSON, to a syslog server (RFC 5424 or RFC"
                        + " 3164) over RELP (acknowledged, nothing lost), TCP, TLS or UDP.",
                "0.1.0",
                Set.of(Capability.PUSH),
                null,
                List.of(
                        ConfigField.text(SyslogSettings.HOST, "Syslog server")
                                .required()
                                .placeholder("siem.example.org")
                                .help("Host name or IP address of the syslog server."),
                        ConfigField.number(SyslogSettings.PORT, "Port")
                                .withDefault(SyslogSettings.DEFAULT_PORT)
                                .help("514 is usual for UDP and TCP, 6514 for TLS."),
                        ConfigField.choice(
                                        SyslogSettings.PROTOCOL,
                                        "Protocol",
                                        Choice.of("RELP", "RELP (acknowledged; recommended)"),
                                        Choice.of("RELP_TLS", "RELP over TLS (acknowledged; recommended)"),
                                        Choice.of("TCP", "TCP"),
                                        Choice.of("TLS", "TLS"),
                                        Choice.of("UDP", "UDP"))
                                .withDefault("TCP")
                                .help("Use RELP when the receiver supports it (rsyslog imrelp, syslog-ng, ...): it"
                                        + " acknowledges every message, so none is lost and 'sent' means received."
                                        + " TCP and TLS acknowledge nothing: recent messages are sent again after a"
                                        + " connection loss (some may arrive twice). UDP may lose messages."),
                        ConfigField.choice(
                                        SyslogSettings.FORMAT,
                                        "Syslog format",
                                        Choice.of("RFC5424", "RFC 5424"),
                                        Choice.of("RFC3164", "RFC 3164 (BSD)"))
                                .withDefault("RFC5424"),
                        ConfigField.choice(
                                        SyslogSettings.FRAMING,
                                        "Framing (TCP and TLS)",
                                        Choice.of(Framing.OCTET_COUNTING.key(), "Octet counting (RFC 6587)"),
                                        Choice.of(Framing.NEWLINE.key(), "Newline"))
                                .withDefault(Framing.OCTET_COUNTING.key())
                                .help("Octet counting sends each message's length first; newline ends each message"
                                        + " with a line feed and replaces line feeds inside it by spaces."),
                        ConfigField.number(SyslogSettings.FACILITY, "Facility (0-23)")
                                .withDefault(SyslogSettings.DEFAULT_FACILITY)
                                .help("16 is local0."),
                        ConfigField.number(SyslogSettings.SEVERITY, "Severity (0-7)")
                                .withDefault(SyslogSettings.DEFAULT_SEVERITY)
                                .help("6 is informational."),
                        ConfigField.text(SyslogSettings.APP_NAME, "Application name")
                                .withDefault(SyslogSettings.DEFAULT_APP_NAME)
                                .help("APP-NAME (RFC 5424, at most 48 characters) or TAG (RFC 3164, at most 32)."),
                        ConfigField.text(SyslogSettings.HOSTNAME, "Host name in the header")
                                .help("Empty: this machine's host name."),
                        ConfigField.textarea(SyslogSettings.CA_CERTIFICATE, "CA certificate (TLS)")
                                .placeholder("-----BEGIN CERTIFICATE-----")
                                .help("PEM certificate(s) trusted for the server's TLS certificate, in addition to"
                                        + " the Java trust store."),
                        ConfigField.textarea(SyslogSettings.CLIENT_CERTIFICATE, "Client certificate (TLS)")
                                .placeholder("-----BEGIN CERTIFICATE-----")
                                .help("PEM certificate this side presents, for a server that requires one (RELP"
                                        + " over TLS with rsyslog imrelp does)."),
                        ConfigField.password(SyslogSettings.CLIENT_KEY, "Client key (TLS)")
                                .help("The client certificate's private key: unencrypted PKCS #8 PEM"
                                        + " (-----BEGIN PRIVATE KEY-----)."),
                        ConfigField.bool(SyslogSettings.VERIFY_TLS, "Verify the TLS certificate")
                                .withDefault(true)
                                .help("Off accepts any certificate and host name: only for tests."),
                        ConfigField.number(SyslogSettings.MAX_MESSAGE_BYTES, "Maximum message size (bytes)")
                                .withDefault(SyslogSettings.DEFAULT_MAX_MESSAGE_BYTES)
                                .help("Longer messages are cut to this size; for UDP at most 65507 bytes are"
                                        + " sent."),
                        ConfigField.number(SyslogSettings.RESEND_WINDOW_KIB, "Resend window (KiB, TCP and TLS)")
                                .withDefault(SyslogSettings.DEFAULT_RESEND_WINDOW_KIB)
                                .help("After a lost connection the most recent messages, up to this many KiB, are"
                                        + " sent again, as they may not have been read: duplicates instead of loss."
                                        + " 0 sends nothing again."),
                        ConfigField.number(SyslogSettings.RELP_WINDOW, "RELP window (messages)")
                                .withDefault(SyslogSettings.DEFAULT_RELP_WINDOW)
                                .help("Messages sent before their acknowledgements must come back.")),
                List.of("alerts", "events"),
                List.of("cef", "leef", "json"));
    }

    /**
     * Checks each field, that the host name resolves, and for TCP and TLS that a connection (with the
     * TLS handshake) can be made; UDP has no handshake to try.
     */
    @Override
    public ValidationResult validate(PluginContext context) {
        SyslogSettings.Parsed parsed = SyslogSettings.parse(context.configuration());
        if (!parsed.problems().isEmpty()) {
            return new ValidationResult(parsed.problems());
        }
        SyslogSettings settings = parsed.settings();
        try {
            InetAddress.getAllByName(settings.host());
        } catch (UnknownHostException e) {
            Problems.Problem problem = Problems.describe(e, settings, CONNECT_TIMEOUT);
            return ValidationResult.invalid(problem.field(), problem.message());
        }
        if (settings.protocol().stream()) {
            try {
                if (settings.protocol().relp()) {
                    RelpConnection.check(settings, connections.connectTimeoutMillis());
                } else {
                    StreamConnection.check(settings, connections.connectTimeoutMillis());
                }
            } catch (IOException e) {
                Problems.Problem problem =
                        Problems.describe(e, settings, Duration.ofMillis(connections.connectTimeoutMillis()));
                return ValidationResult.invalid(problem.field(), problem.message());
            }
        }
        return ValidationResult.ok();
    }

    /** The formatted texts (CEF, LEEF or JSON lines) are the syslog messages as they are. */
    @Override
    public List<Object> transform(
            PluginContext context, List<String> records, String format, String dataType, String subType) {
        return new ArrayList<>(records);
    }

    /**
     * Sends every item as one syslog message, with the sub type (or else the data type) as MSGID.
     *
     * <ul>
     *   <li>All written (TCP/TLS: and flushed, the connection still open): all accepted; items that are
     *       neither text nor a map are refused with the reason.
     *   <li>TCP/TLS failure: {@code retryLater}, nothing accepted. TCP acknowledges nothing to the
     *       application, so messages written before the failure may or may not have arrived; sending
     *       them again (duplicates) is safer than losing them.
     *   <li>UDP failure: the datagrams that left are accepted (UDP never says more), the rest failed
     *       and retryable.
     * </ul>
     */
    @Override
    public PushResult push(PluginContext context, List<Object> transformed, String dataType, String subType) {
        if (transformed.isEmpty()) {
            return PushResult.allAccepted(0);
        }
        SyslogSettings settings = SyslogSettings.of(context.configuration());
        String messageId = subType == null || subType.isBlank() ? dataType : subType;
        Connection connection = connections.acquire(context.configurationName(), settings);
        Delivery delivery;
        try {
            delivery = connection.send(settings, transformed, messageId, clock);
        } finally {
            connections.release(connection);
        }
        return result(context, settings, transformed.size(), delivery);
    }

    private static PushResult result(PluginContext context, SyslogSettings settings, int count, Delivery delivery) {
        if (delivery.truncated > 0) {
            context.logger()
                    .warn(delivery.truncated + " of " + count + " message(s) were longer than "
                            + settings.messageLimit() + " bytes and were cut to fit (first: item "
                            + delivery.firstTruncated + "); raise maxMessageBytes"
                            + (settings.protocol() == Protocol.UDP ? " or use TCP" : "")
                            + " if the server takes longer messages.");
        }
        logLosses(context, settings, delivery);
        PushResult outcome = outcome(context, settings, count, delivery).withResent(delivery.resent);
        return delivery.acknowledged ? outcome : outcome.unacknowledged();
    }

    private static PushResult outcome(PluginContext context, SyslogSettings settings, int count, Delivery delivery) {
        if (delivery.failure == null) {
            return new PushResult(delivery.sent, delivery.unusable, false);
        }
        String reason = delivery.failure.reason();
        logFailure(context, settings, delivery.failure);
        if (settings.protocol().relp()) {
            if (delivery.sent == 0 && delivery.unusable.isEmpty()) {
                return PushResult.retryLater(reason);
            }
            // the acknowledged ones are done; exactly the unanswered ones are tried again later, and the
            // refused ones are named too (the platform counts whatever is not named as delivered)
            List<FailedItem> failed = new ArrayList<>(delivery.unusable);
            delivery.unanswered.forEach(i -> failed.add(new FailedItem(i, null, reason)));
            return new PushResult(delivery.sent, failed, true);
        }
        if (settings.protocol() != Protocol.UDP) {
            return PushResult.retryLater(
                    delivery.sent == 0
                            ? reason
                            : reason + " (" + delivery.sent + " of " + count + " messages had been written before"
                                    + " the failure; they may have arrived and will be sent again)");
        }
        List<FailedItem> failed = new ArrayList<>(delivery.unusable);
        for (int i = delivery.sent + delivery.unusable.size(); i < count; i++) {
            failed.add(new FailedItem(i, null, reason));
        }
        return new PushResult(delivery.sent, failed, true);
    }

    /** Every lost connection is a logged event naming the destination, with what was sent again. */
    private static void logLosses(PluginContext context, SyslogSettings settings, Delivery delivery) {
        if (delivery.lossEvents.isEmpty() && delivery.resent == 0) {
            return;
        }
        String server = settings.protocol() + " " + settings.host() + ":" + settings.port();
        String what =
                delivery.lossEvents.isEmpty() ? "the connection was lost" : String.join("; ", delivery.lossEvents);
        context.logger()
                .warn("Connection to the syslog server " + server + " of '" + context.configurationName()
                        + "' lost: " + what + ". "
                        + (delivery.resent > 0
                                ? delivery.resent + " message(s) sent before the loss went out again on a new"
                                        + " connection (they may arrive twice)."
                                : "Nothing needed to be sent again."));
    }

    private static void logFailure(PluginContext context, SyslogSettings settings, Delivery.Failure failure) {
        if (failure.connecting()) {
            context.logger()
                    .error(
                            "Cannot connect to the syslog server.",
                            "SYSLOG-CONNECT",
                            failure.reason(),
                            "Check that the server runs and takes " + settings.protocol() + " on "
                                    + settings.host() + ":" + settings.port()
                                    + "; the messages will be sent again.");
        } else {
            context.logger()
                    .error(
                            "Sending to the syslog server failed.",
                            "SYSLOG-SEND",
                            failure.reason(),
                            "The messages will be sent again; some may arrive twice.");
        }
    }
}
