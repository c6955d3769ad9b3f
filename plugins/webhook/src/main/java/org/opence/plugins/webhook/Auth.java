package org.opence.plugins.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * How requests authenticate: the header to send, and the field to blame when the receiver refuses it.
 * The secret is never part of {@link #toString()}.
 *
 * @param type the configured mode
 * @param headerName {@code Authorization} or the custom header's name; null for {@link Type#NONE}
 * @param headerValue the complete value (e.g. {@code Bearer abc}); null for {@link Type#NONE}
 */
record Auth(Type type, String headerName, String headerValue) {

    /** The modes of the {@code authType} field. */
    enum Type {
        NONE("none", WebhookSettings.AUTH_TYPE, "no credentials"),
        BEARER("bearer", WebhookSettings.TOKEN, "the bearer token"),
        BASIC("basic", WebhookSettings.PASSWORD, "the user name and password"),
        HEADER("header", WebhookSettings.HEADER_VALUE, "the value of the authentication header");

        final String key;
        /** The field a refusal (401, 403) is reported on. */
        final String field;

        final String credentials;

        Type(String key, String field, String credentials) {
            this.key = key;
            this.field = field;
            this.credentials = credentials;
        }

        static Type of(String key) {
            for (Type type : values()) {
                if (type.key.equals(key.toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
            throw new IllegalArgumentException(key);
        }
    }

    static Auth none() {
        return new Auth(Type.NONE, null, null);
    }

    static Auth bearer(String token) {
        return new Auth(Type.BEARER, "Authorization", "Bearer " + token);
    }

    /** RFC 7617, with the user name and password in UTF-8. */
    static Auth basic(String username, String password) {
        String pair = username + ":" + password;
        return new Auth(
                Type.BASIC,
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    static Auth header(String name, String value) {
        return new Auth(Type.HEADER, name, value);
    }

    boolean present() {
        return type != Type.NONE;
    }

    @Override
    public String toString() {
        return present() ? type.key + " (" + headerName + ": ***)" : type.key;
    }
}
