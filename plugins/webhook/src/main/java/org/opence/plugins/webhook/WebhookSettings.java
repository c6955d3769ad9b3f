package org.opence.plugins.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.opence.plugin.api.FieldProblem;

/**
 * One configuration, read from the platform's map with the manifest's defaults applied again, and
 * checked field by field.
 *
 * @param method {@code POST} or {@code PUT}
 * @param headers the extra static headers, in their order
 * @param timeout how long one request may take, from sending to the end of the answer
 */
record WebhookSettings(
        URI url,
        String method,
        Auth auth,
        List<HeaderLines.Header> headers,
        BodyShape bodyShape,
        boolean gzip,
        int maxBatchBytes,
        int maxRecords,
        StatusCodes successCodes,
        Duration timeout,
        TestOnSave testOnSave) {

    static final String URL = "url";
    static final String METHOD = "method";
    static final String AUTH_TYPE = "authType";
    static final String TOKEN = "token";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String HEADER_NAME = "headerName";
    static final String HEADER_VALUE = "headerValue";
    static final String HEADERS = "headers";
    static final String BODY_SHAPE = "bodyShape";
    static final String GZIP = "gzip";
    static final String MAX_BATCH_BYTES = "maxBatchBytes";
    static final String MAX_RECORDS = "maxRecords";
    static final String SUCCESS_CODES = "successCodes";
    static final String TIMEOUT_SECONDS = "timeoutSeconds";
    static final String TEST_ON_SAVE = "testOnSave";

    static final String DEFAULT_SUCCESS_CODES = "200-299";
    static final int DEFAULT_MAX_BATCH_BYTES = 1_048_576;
    static final int MIN_BATCH_BYTES = 1_024;
    static final int MAX_BATCH_BYTES_LIMIT = 100 * 1_048_576;
    static final int DEFAULT_MAX_RECORDS = 1_000;
    /** A request never carries more than one push, and a push at most {@code chunkSize} records. */
    static final int MAX_RECORDS_LIMIT = WebhookPlugin.CHUNK_SIZE;

    static final int DEFAULT_TIMEOUT_SECONDS = 30;
    static final int MAX_TIMEOUT_SECONDS = 300;

    /** What validation sends to the URL when a configuration is saved. */
    enum TestOnSave {
        /** The configured method with an empty batch; the answer must be a success code. */
        EMPTY_BATCH("empty-batch"),
        /** A HEAD request; any answer but 401, 403 and 407 proves the URL reachable. */
        HEAD("head"),
        /** Nothing is sent; only the fields are checked. */
        NONE("none");

        final String key;

        TestOnSave(String key) {
            this.key = key;
        }

        static TestOnSave of(String key) {
            for (TestOnSave mode : values()) {
                if (mode.key.equals(key.toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException(key);
        }
    }

    /** Settings and the problems found while reading them; settings are null when there are problems. */
    record Parsed(WebhookSettings settings, List<FieldProblem> problems) {}

    /** Reads a configuration, or throws with every problem when it is not valid. */
    static WebhookSettings of(Map<String, Object> configuration) {
        Parsed parsed = parse(configuration);
        if (!parsed.problems().isEmpty()) {
            StringBuilder message = new StringBuilder("invalid webhook configuration:");
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
        ConfigReader reader = new ConfigReader(configuration);
        URI url = url(reader);
        String method = reader.choice(
                METHOD, "POST", m -> requireOneOf(m.toUpperCase(Locale.ROOT), "POST", "PUT"), "POST or PUT");
        Auth auth = auth(reader);
        List<HeaderLines.Header> headers = headers(reader, auth);
        BodyShape bodyShape = reader.choice(BODY_SHAPE, BodyShape.ARRAY, BodyShape::of, "array, ndjson or envelope");
        boolean gzip = reader.bool(GZIP, false);
        int maxBatchBytes =
                reader.integer(MAX_BATCH_BYTES, DEFAULT_MAX_BATCH_BYTES, MIN_BATCH_BYTES, MAX_BATCH_BYTES_LIMIT);
        int maxRecords = reader.integer(MAX_RECORDS, DEFAULT_MAX_RECORDS, 1, MAX_RECORDS_LIMIT);
        StatusCodes successCodes = null;
        try {
            successCodes = StatusCodes.parse(reader.text(SUCCESS_CODES, DEFAULT_SUCCESS_CODES));
        } catch (IllegalArgumentException e) {
            reader.problem(SUCCESS_CODES, e.getMessage());
        }
        int timeoutSeconds = reader.integer(TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS);
        TestOnSave testOnSave =
                reader.choice(TEST_ON_SAVE, TestOnSave.EMPTY_BATCH, TestOnSave::of, "empty-batch, head or none");
        if (!reader.problems().isEmpty()) {
            return new Parsed(null, reader.problems());
        }
        return new Parsed(
                new WebhookSettings(
                        url,
                        method,
                        auth,
                        headers,
                        bodyShape,
                        gzip,
                        maxBatchBytes,
                        maxRecords,
                        successCodes,
                        Duration.ofSeconds(timeoutSeconds),
                        testOnSave),
                List.of());
    }

    private static URI url(ConfigReader reader) {
        String text = reader.text(URL, "");
        if (text.isEmpty()) {
            reader.problem(URL, "is required");
            return null;
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            reader.problem(URL, "is not a valid URL: " + e.getMessage());
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            reader.problem(URL, "must start with http:// or https://");
        } else if (url.getHost() == null) {
            reader.problem(URL, "must name a host, e.g. https://collector.example.com/ingest");
        } else if (url.getRawUserInfo() != null) {
            reader.problem(URL, "must not contain a user name or password: choose authType basic instead");
        } else if (url.getRawFragment() != null) {
            reader.problem(URL, "must not contain a fragment (#…): it is never sent to the server");
        }
        return url;
    }

    private static Auth auth(ConfigReader reader) {
        Auth.Type type = reader.choice(AUTH_TYPE, Auth.Type.NONE, Auth.Type::of, "none, bearer, basic or header");
        String when = "is required when authType is " + type.key;
        switch (type) {
            case BEARER -> {
                String token = reader.raw(TOKEN).strip();
                if (token.isEmpty()) {
                    reader.problem(TOKEN, when);
                } else if (!token.chars().allMatch(c -> c > 32 && c < 127)) {
                    reader.problem(TOKEN, "must be printable ASCII without spaces");
                }
                return Auth.bearer(token);
            }
            case BASIC -> {
                String username = reader.text(USERNAME, "");
                if (username.isEmpty()) {
                    reader.problem(USERNAME, when);
                } else if (username.contains(":")) {
                    reader.problem(USERNAME, "must not contain ':' (RFC 7617)");
                } else if (username.chars().anyMatch(Character::isISOControl)) {
                    reader.problem(USERNAME, "must not contain control characters");
                }
                String password = reader.raw(PASSWORD);
                if (password.chars().anyMatch(Character::isISOControl)) {
                    reader.problem(PASSWORD, "must not contain control characters");
                }
                return Auth.basic(username, password);
            }
            case HEADER -> {
                String name = reader.text(HEADER_NAME, "");
                String value = reader.raw(HEADER_VALUE).strip();
                String nameProblem = name.isEmpty() ? when : HeaderLines.nameProblem(name);
                if (nameProblem != null) {
                    reader.problem(HEADER_NAME, nameProblem);
                }
                String valueProblem = value.isEmpty() ? when : HeaderLines.valueProblem(value);
                if (valueProblem != null) {
                    reader.problem(HEADER_VALUE, valueProblem);
                }
                return Auth.header(name, value);
            }
            default -> {
                return Auth.none();
            }
        }
    }

    private static List<HeaderLines.Header> headers(ConfigReader reader, Auth auth) {
        HeaderLines.Parsed parsed = HeaderLines.parse(reader.text(HEADERS, ""));
        parsed.problems().forEach(p -> reader.problem(HEADERS, p));
        if (auth.present()) {
            parsed.headers().stream()
                    .filter(h -> h.name().equalsIgnoreCase(auth.headerName()))
                    .findFirst()
                    .ifPresent(h -> reader.problem(
                            HEADERS,
                            "'" + h.name() + "' is already sent by authType " + auth.type().key
                                    + ": remove it here, or choose authType none"));
        }
        return parsed.headers();
    }

    private static String requireOneOf(String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
