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

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /**
     * One invalid input.
     *
     * @param field the path of the field, e.g. {@code destinations[0].port}
     * @param message what is wrong and what is allowed
     */
    public record FieldError(String field, String message) {}
}
