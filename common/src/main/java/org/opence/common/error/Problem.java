package org.opence.common.error;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response of every service.
 *
 * @param type a URI naming the kind of problem; its last segment is stable and documented
 * @param title short, the same for every occurrence of the kind
 * @param status the HTTP status
 * @param detail what happened this time and, where possible, how to fix it
 * @param instance the request path
 * @param errors for validation problems: one entry per offending field
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://opence.org/problems/";
    /** At most this many field errors are listed; a body of a hundred thousand wrong keys gets a short answer. */
    public static final int MAX_ERRORS = 100;

    private static final int MAX_DETAIL = 2000;
    private static final int MAX_FIELD = 200;
    private static final int MAX_MESSAGE = 500;

    public Problem {
        detail = clip(detail, MAX_DETAIL);
        instance = clip(instance, MAX_FIELD);
        if (errors != null && errors.size() > MAX_ERRORS) {
            List<FieldError> kept = new java.util.ArrayList<>(errors.subList(0, MAX_ERRORS));
            kept.add(new FieldError("", "and " + (errors.size() - MAX_ERRORS) + " more problems, not listed"));
            errors = List.copyOf(kept);
        }
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /**
     * One invalid input.
     *
     * @param field the path of the field, e.g. {@code destinations[0].port}
     * @param message what is wrong and what is allowed
     */
    public record FieldError(String field, String message) {
        public FieldError {
            field = clip(field, MAX_FIELD);
            message = clip(message, MAX_MESSAGE);
        }
    }

    /** A text cut to at most {@code max} characters, marked where it was cut. */
    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
