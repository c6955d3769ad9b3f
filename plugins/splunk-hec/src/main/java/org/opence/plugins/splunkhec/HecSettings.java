package org.opence.plugins.splunkhec;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opence.plugin.api.FieldProblem;

/**
 * One configuration, read from the platform's map with the manifest's defaults applied again (a
 * context built by hand, as in tests, may lack them), and checked field by field.
 *
 * @param url the collector's base URL, without a path (e.g. {@code https://splunk:8088})
 * @param index empty: the token's default index
 * @param sourcetype template with {@code {dataType}}, {@code {subType}}, {@code {format}}
 * @param source template as {@code sourcetype}; empty: HEC's default ({@code http:<input name>})
 * @param host empty: HEC's default (the collector's address)
 * @param batchBytes the largest request body before compression
 */
record HecSettings(
        URI url,
        String token,
        String index,
        String sourcetype,
        String source,
        String host,
        boolean gzip,
        boolean useAck,
        Duration ackTimeout,
        int batchBytes) {

    static final String URL = "url";
    static final String TOKEN = "token";
    static final String INDEX = "index";
    static final String SOURCETYPE = "sourcetype";
    static final String SOURCE = "source";
    static final String HOST = "host";
    static final String GZIP = "gzip";
    static final String USE_ACK = "useAck";
    static final String ACK_TIMEOUT = "ackTimeout";
    static final String BATCH_BYTES = "batchBytes";

    static final String DEFAULT_SOURCETYPE = "netskope:{dataType}";
    static final int DEFAULT_ACK_TIMEOUT_SECONDS = 30;
    static final int MAX_ACK_TIMEOUT_SECONDS = 300;
    /** {@code limits.conf [http_input] max_content_length} of older Splunk releases, still common. */
    static final int DEFAULT_BATCH_BYTES = 1_000_000;

    static final int MIN_BATCH_BYTES = 1_000;
    /** 800 MiB: the default {@code max_content_length} of current Splunk releases. */
    static final int MAX_BATCH_BYTES = 838_860_800;

    /** Splunk's rule for index names: lower-case letters, digits, {@code _} and {@code -}, not first. */
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final List<String> PLACEHOLDERS = List.of("dataType", "subType", "format");
    private static final Pattern COLLECTOR_PATH = Pattern.compile("/services/collector(/.*)?$");

    /** Settings and the problems found while reading them; settings are null when there are problems. */
    record Parsed(HecSettings settings, List<FieldProblem> problems) {}

    /** Where events are posted. */
    URI eventUri() {
        return url.resolve("/services/collector/event");
    }

    /** Where indexer acknowledgements are asked for. */
    URI ackUri(String channel) {
        return url.resolve("/services/collector/ack?channel=" + channel);
    }

    URI healthUri() {
        return url.resolve("/services/collector/health");
    }

    /** The sourcetype of records of this data type, sub type and format; empty: HEC's default. */
    String sourcetypeFor(String dataType, String subType, String format) {
        return fill(sourcetype, dataType, subType, format);
    }

    String sourceFor(String dataType, String subType, String format) {
        return fill(source, dataType, subType, format);
    }

    /** Reads a configuration, or throws with every problem when it is not valid. */
    static HecSettings of(Map<String, Object> configuration) {
        Parsed parsed = parse(configuration);
        if (!parsed.problems().isEmpty()) {
            StringBuilder message = new StringBuilder("invalid Splunk HEC configuration:");
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
        URI url = url(reader);
        String token = reader.text(TOKEN, "");
        if (token.isEmpty()) {
            reader.problem(TOKEN, "is required");
        } else if (!token.chars().allMatch(c -> c > 32 && c < 127)) {
            reader.problem(TOKEN, "must be the HEC token as Splunk shows it (printable characters, no spaces)");
        }
        String index = reader.text(INDEX, "");
        if (!index.isEmpty() && !INDEX_NAME.matcher(index).matches()) {
            reader.problem(
                    INDEX,
                    "must be a Splunk index name: lower-case letters, digits, _ and -, not starting with _ or -,"
                            + " at most 80 characters");
        }
        String sourcetype = template(reader, SOURCETYPE, DEFAULT_SOURCETYPE);
        String source = template(reader, SOURCE, "");
        String host = reader.text(HOST, "");
        boolean gzip = reader.bool(GZIP, true);
        boolean useAck = reader.bool(USE_ACK, false);
        int ackTimeout = reader.integer(ACK_TIMEOUT, DEFAULT_ACK_TIMEOUT_SECONDS, 1, MAX_ACK_TIMEOUT_SECONDS);
        int batchBytes = reader.integer(BATCH_BYTES, DEFAULT_BATCH_BYTES, MIN_BATCH_BYTES, MAX_BATCH_BYTES);
        if (!reader.problems.isEmpty()) {
            return new Parsed(null, List.copyOf(reader.problems));
        }
        return new Parsed(
                new HecSettings(
                        url,
                        token,
                        index,
                        sourcetype,
                        source,
                        host,
                        gzip,
                        useAck,
                        Duration.ofSeconds(ackTimeout),
                        batchBytes),
                List.of());
    }

    /**
     * The base URL. A URL that already names the collector ({@code .../services/collector/event}) is
     * taken for its base, since that is what people copy from Splunk's examples.
     */
    private static URI url(Reader reader) {
        String text = reader.text(URL, "");
        if (text.isEmpty()) {
            reader.problem(URL, "is required");
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            reader.problem(URL, "is not a URL: " + e.getReason() + " (e.g. https://splunk.example.org:8088)");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            reader.problem(URL, "must be an http:// or https:// URL with a host, e.g. https://splunk.example.org:8088");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            reader.problem(URL, "must not contain a query, a fragment or credentials (the token goes into 'token')");
            return null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        Matcher collector = COLLECTOR_PATH.matcher(path);
        if (collector.find()) {
            path = path.substring(0, collector.start());
        }
        if (!path.isEmpty() && !path.equals("/")) {
            reader.problem(
                    URL,
                    "must be the collector's address without a path (e.g. https://splunk.example.org:8088); '" + path
                            + "' is not part of it");
            return null;
        }
        try {
            return new URI(scheme, null, uri.getHost(), uri.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            reader.problem(URL, "is not a URL: " + e.getReason());
            return null;
        }
    }

    private static String template(Reader reader, String key, String fallback) {
        String value = reader.text(key, fallback);
        Matcher m = PLACEHOLDER.matcher(value);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                reader.problem(
                        key, "knows the placeholders {dataType}, {subType} and {format}, not {" + m.group(1) + "}");
                break;
            }
        }
        return value;
    }

    private static String fill(String template, String dataType, String subType, String format) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        return template.replace("{dataType}", nullToEmpty(dataType))
                .replace("{subType}", nullToEmpty(subType))
                .replace("{format}", nullToEmpty(format));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
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
    }
}
