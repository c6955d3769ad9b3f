package org.opence.plugins.syslog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opence.plugin.api.FieldProblem;

/**
 * One configuration, read from the platform's map with the manifest's defaults applied again (a
 * context built by hand, as in tests, may lack them), and checked field by field.
 *
 * @param hostname empty means the local host name
 * @param caCertificate PEM text or empty
 */
record SyslogSettings(
        String host,
        int port,
        Protocol protocol,
        Format format,
        Framing framing,
        int facility,
        int severity,
        String appName,
        String hostname,
        String caCertificate,
        boolean verifyTls,
        int maxMessageBytes,
        int resendWindowKib,
        int relpWindow,
        String clientCertificate,
        String clientKey) {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String PROTOCOL = "protocol";
    static final String FORMAT = "format";
    static final String FRAMING = "framing";
    static final String FACILITY = "facility";
    static final String SEVERITY = "severity";
    static final String APP_NAME = "appName";
    static final String HOSTNAME = "hostname";
    static final String CA_CERTIFICATE = "caCertificate";
    static final String VERIFY_TLS = "verifyTls";
    static final String MAX_MESSAGE_BYTES = "maxMessageBytes";
    static final String RESEND_WINDOW_KIB = "resendWindowKib";
    static final String RELP_WINDOW = "relpWindow";
    static final String CLIENT_CERTIFICATE = "clientCertificate";
    static final String CLIENT_KEY = "clientKey";

    static final int DEFAULT_PORT = 514;
    static final int DEFAULT_FACILITY = 16;
    static final int DEFAULT_SEVERITY = 6;
    static final String DEFAULT_APP_NAME = "opence";
    static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;
    /** RFC 5424 §6.1: every receiver must take messages of 480 octets. */
    static final int MIN_MESSAGE_BYTES = 480;

    static final int MAX_MESSAGE_BYTES_LIMIT = 16 * 1024 * 1024;
    /**
     * TCP and TLS: the last bytes written, sent again after a connection loss. It must cover what a
     * receiver can hold unread in its kernel when a connection ends (this side's send buffer is 64 KiB);
     * 4 MiB covers a receiver under load on Linux's usual buffer sizes. A receiver that cuts its
     * connections on purpose must read more than this per connection, or nothing new gets through.
     */
    static final int DEFAULT_RESEND_WINDOW_KIB = 4 * 1024;

    static final int MAX_RESEND_WINDOW_KIB = 256 * 1024;
    /** RELP: messages outstanding at once (rsyslog's omrelp uses 128 by default). */
    static final int DEFAULT_RELP_WINDOW = 1024;
    /** The largest UDP payload over IPv4: 65,535 - 20 (IP header) - 8 (UDP header). */
    static final int UDP_MAX_PAYLOAD = 65_507;
    /** RFC 3164 §4.1.3: the TAG is at most 32 characters. */
    static final int TAG_MAX = 32;

    /** Settings and the problems found while reading them; settings are null when there are problems. */
    record Parsed(SyslogSettings settings, List<FieldProblem> problems) {}

    /** The largest syslog message (header and MSG, without framing) this configuration sends. */
    int messageLimit() {
        return protocol == Protocol.UDP ? Math.min(maxMessageBytes, UDP_MAX_PAYLOAD) : maxMessageBytes;
    }

    int priority() {
        return facility * 8 + severity;
    }

    boolean hasCaCertificate() {
        return !caCertificate.isEmpty();
    }

    boolean hasClientCertificate() {
        return !clientCertificate.isEmpty();
    }

    /** Reads a configuration, or throws with every problem when it is not valid. */
    static SyslogSettings of(Map<String, Object> configuration) {
        Parsed parsed = parse(configuration);
        if (!parsed.problems().isEmpty()) {
            StringBuilder message = new StringBuilder("invalid syslog configuration:");
            parsed.problems().forEach(p -> message.append(' ')
                    .append(p.field())
                    .append(' ')
                    .append(p.message())
                    .append(';'));
            throw new IllegalArgumentException(message.toString());
        }
        return parsed.settings();
    }

    static Parsed parse(Map<String, Object> configuration) {
        Reader reader = new Reader(configuration);
        String host = reader.text(HOST, "");
        if (host.isEmpty()) {
            reader.problem(HOST, "is required");
        } else if (!host.chars().allMatch(c -> c > 32 && c < 127)) {
            reader.problem(HOST, "must be a host name or an IP address, without spaces");
        }
        int port = reader.integer(PORT, DEFAULT_PORT, 1, 65_535);
        Protocol protocol = reader.choice(PROTOCOL, Protocol.TCP, Protocol::valueOf, "UDP, TCP, TLS, RELP or RELP_TLS");
        Format format = reader.choice(FORMAT, Format.RFC5424, Format::valueOf, "RFC5424 or RFC3164");
        Framing framing = reader.choice(FRAMING, Framing.OCTET_COUNTING, Framing::of, "octet-counting or newline");
        int facility = reader.integer(FACILITY, DEFAULT_FACILITY, 0, 23);
        int severity = reader.integer(SEVERITY, DEFAULT_SEVERITY, 0, 7);
        String appName = reader.text(APP_NAME, DEFAULT_APP_NAME);
        if (appName.isEmpty()) {
            appName = DEFAULT_APP_NAME;
        }
        String appNameProblem = format == Format.RFC3164
                ? HeaderFields.tagProblem(appName)
                : HeaderFields.problem(appName, HeaderFields.APP_NAME_MAX);
        if (appNameProblem != null) {
            reader.problem(APP_NAME, appNameProblem);
        }
        String hostname = reader.text(HOSTNAME, "");
        String hostnameProblem = hostname.isEmpty() ? null : HeaderFields.problem(hostname, HeaderFields.HOSTNAME_MAX);
        if (hostnameProblem != null) {
            reader.problem(HOSTNAME, hostnameProblem);
        }
        String ca = reader.text(CA_CERTIFICATE, "");
        if (!ca.isEmpty()) {
            String caProblem = TlsContexts.pemProblem(ca);
            if (caProblem != null) {
                reader.problem(CA_CERTIFICATE, caProblem);
            }
        }
        boolean verifyTls = reader.bool(VERIFY_TLS, true);
        int maxMessageBytes = reader.integer(
                MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, MIN_MESSAGE_BYTES, MAX_MESSAGE_BYTES_LIMIT);
        int resendWindowKib = reader.integer(RESEND_WINDOW_KIB, DEFAULT_RESEND_WINDOW_KIB, 0, MAX_RESEND_WINDOW_KIB);
        int relpWindow = reader.integer(RELP_WINDOW, DEFAULT_RELP_WINDOW, 1, 65_536);
        String clientCertificate = reader.text(CLIENT_CERTIFICATE, "");
        String clientKey = reader.text(CLIENT_KEY, "");
        if (clientCertificate.isEmpty() != clientKey.isEmpty()) {
            reader.problem(
                    clientCertificate.isEmpty() ? CLIENT_CERTIFICATE : CLIENT_KEY,
                    "give both the client certificate and its key, or neither");
        } else if (!clientCertificate.isEmpty()) {
            String problem = TlsContexts.pemProblem(clientCertificate);
            if (problem == null) {
                problem = TlsContexts.clientKeyProblem(clientCertificate, clientKey);
                if (problem != null) {
                    reader.problem(CLIENT_KEY, problem);
                }
            } else {
                reader.problem(CLIENT_CERTIFICATE, problem);
            }
        }
        if (!reader.problems.isEmpty()) {
            return new Parsed(null, List.copyOf(reader.problems));
        }
        return new Parsed(
                new SyslogSettings(
                        host,
                        port,
                        protocol,
                        format,
                        framing,
                        facility,
                        severity,
                        appName,
                        hostname,
                        ca,
                        verifyTls,
                        maxMessageBytes,
                        resendWindowKib,
                        relpWindow,
                        clientCertificate,
                        clientKey),
                List.of());
    }

    /** Reads typed values and collects what is wrong with them. */
    private static final class Reader {
        private final Map<String, Object> values;
        private final List<FieldProblem> problems = new ArrayList<>();

        Reader(Map<String, Object> values) {
            this.values = values;
        }

        void problem(String field, String message) {
            problems.add(new FieldProblem(field, message));
        }

        String text(String key, String fallback) {
            Object value = values.get(key);
            return value == null ? fallback : value.toString().trim();
        }

        boolean bool(String key, boolean fallback) {
            Object value = values.get(key);
            if (value == null || value.toString().isBlank()) {
                return fallback;
            }
            if (value instanceof Boolean b) {
                return b;
            }
            String text = value.toString().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            problem(key, "must be true or false");
            return fallback;
        }

        int integer(String key, int fallback, int min, int max) {
            Object value = values.get(key);
            if (value == null || value.toString().isBlank()) {
                return fallback;
            }
            double number;
            try {
                number = value instanceof Number n
                        ? n.doubleValue()
                        : Double.parseDouble(value.toString().trim());
            } catch (NumberFormatException e) {
                problem(key, "must be a whole number from " + min + " to " + max);
                return fallback;
            }
            if (number != Math.rint(number) || number < min || number > max) {
                problem(key, "must be a whole number from " + min + " to " + max);
                return fallback;
            }
            return (int) number;
        }

        <E> E choice(String key, E fallback, java.util.function.Function<String, E> lookup, String allowed) {
            String text = text(key, "");
            if (text.isEmpty()) {
                return fallback;
            }
            try {
                return lookup.apply(text);
            } catch (IllegalArgumentException e) {
                problem(key, "must be " + allowed);
                return fallback;
            }
        }
    }
}
