package org.opence.common.error;

import java.util.Comparator;
import java.util.List;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.opence.common.security.TokenClaims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where exceptions become HTTP responses: every error leaves a service as
 * {@code application/problem+json}. Unexpected exceptions are logged with the request path and
 * answered with a generic detail, so no internals leak to the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** The message of every endpoint's {@code @NotNull} on its request body. */
    static final String BODY_REQUIRED = "a JSON body is required";

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Response response = respond(new Problem(
                Problem.type(e.slug()),
                e.title(),
                e.status(),
                e.getMessage(),
                path(uri),
                e.fieldErrors().isEmpty() ? null : e.fieldErrors()));
        if (e.retryAfterSeconds() > 0) {
            response.getHeaders().add("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        if (e.status() == 401) {
            response.getHeaders().add("WWW-Authenticate", "Bearer");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldPath(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = ProblemException.Invalid.detail(errors);
        return respond(new Problem(Problem.type("validation"), "Invalid input", 400, detail, path(uri), errors));
    }

    /**
     * JSON of the wrong shape for a field ({@code "seven"} for a number, {@code "yes"} for true or false, an
     * array for an object): a field error naming the field's path and what it must be. Registered ahead of
     * the framework's own mapper of these, which answers 400 with an empty body.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e.getPath());
        String message = "must be " + expected(e.getTargetType());
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            message += ", not " + Problem.clip(quoted(invalid.getValue()), 100);
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "is not a field of this request";
        }
        if (field.isEmpty()) {
            field = "body";
            message =
                    e.getTargetType() == null ? "must be " + expected(null) : "must be " + expected(e.getTargetType());
        }
        List<Problem.FieldError> errors = List.of(new Problem.FieldError(field, message));
        return respond(new Problem(
                Problem.type("validation"),
                "Invalid input",
                400,
                ProblemException.Invalid.detail(errors) + where(e),
                path(uri),
                errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return respond(new Problem(
                Problem.type("malformed-body"),
                "Malformed request body",
                400,
                "The request body is not valid JSON for this endpoint" + where + ": " + e.getOriginalMessage(),
                path(uri),
                null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        String detail = "session ended".equals(e.getMessage())
                ? "This session has ended (logged out or revoked); sign in again."
                : "A valid access token is required: sign in (POST /api/auth/login) or exchange an API token"
                        + " (POST /api/auth/token), then send 'Authorization: Bearer <token>'.";
        return Response.status(401)
                .type(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(new Problem(Problem.type("unauthorized"), "Unauthorized", 401, detail, path(uri), null))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ContainerRequestContext request) {
        var principal = request.getSecurityContext().getUserPrincipal();
        String detail;
        if (principal instanceof JsonWebToken jwt && jwt.containsClaim(TokenClaims.PENDING)) {
            detail = "Finish the first sign-in before anything else: accept the EULA and replace the default"
                    + " password with POST /api/auth/first-login.";
        } else {
            String role = principal instanceof JsonWebToken jwt ? jwt.getClaim(TokenClaims.ROLE) : null;
            detail = "Your role" + (role == null ? "" : " (" + role + ")") + " may not do this; "
                    + ("GET".equals(request.getMethod())
                            ? "ask a super-admin for access."
                            : "read-only users can only read, and users, SSO and settings need the super-admin.");
        }
        return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403, detail, path(uri), null));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri, ContainerRequestContext request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            // the framework wraps a body it could not parse into a bare 400: say what and where
            if (cause instanceof MismatchedInputException mismatched) {
                return wrongShape(mismatched, uri);
            }
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json, uri);
            }
            // JAX-RS turns a query parameter it cannot convert into a 404; QueryParameters says what was wrong
            if (cause instanceof ProblemException problem) {
                return domain(problem, uri);
            }
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String slug = title.toLowerCase().replace(' ', '-');
        String detail =
                switch (status) {
                    case 404 ->
                        "Nothing exists at " + path(uri) + " on this service; its endpoints are listed at /q/openapi.";
                    case 405 -> "This endpoint does not accept that method; its methods are listed at /q/openapi.";
                    case 415 ->
                        "This endpoint does not accept the Content-Type '"
                                + Problem.clip(String.valueOf(request.getHeaderString("Content-Type")), 100)
                                + "'; the types each endpoint accepts are listed at /q/openapi.";
                    default -> e.getMessage();
                };
        return respond(new Problem(Problem.type(slug), title, status, detail, path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", path(uri));
        return respond(new Problem(
                Problem.type("internal"),
                "Internal error",
                500,
                "The service failed to handle this request; the service log has the cause.",
                path(uri),
                null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** " (line 3, column 12)" where the parser was, or nothing. */
    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /** {@code modules.cte}, {@code destinations[2]}: the path of the field in the request body. */
    static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a JSON value must be to become the given type, in words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a JSON value of another type";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(java.util.stream.Collectors.joining(", "));
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date and time (ISO 8601, e.g. 2025-01-31T12:00:00Z)";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list ([...])";
        }
        return "an object ({...})";
    }

    private static String quoted(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    /** Drops the method and parameter segments Bean Validation puts in front of the field path. */
    private static String fieldPath(ConstraintViolation<?> v) {
        if (BODY_REQUIRED.equals(v.getMessage())) {
            return "body"; // the request body itself is missing, not a field of it
        }
        String full = v.getPropertyPath().toString();
        String[] parts = full.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
