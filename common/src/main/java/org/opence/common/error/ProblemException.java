package org.opence.common.error;

import java.util.List;

/**
 * Base of the domain exceptions that services throw. One mapper turns each into a {@link Problem};
 * the subclass fixes the HTTP status and problem type, the message becomes the detail.
 */
public abstract class ProblemException extends RuntimeException {

    private final String slug;
    private final String title;
    private final int status;

    protected ProblemException(String slug, String title, int status, String detail) {
        super(detail);
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> fieldErrors() {
        return List.of();
    }

    /** Seconds the client should wait before trying again (sent as {@code Retry-After}); 0 for none. */
    public long retryAfterSeconds() {
        return 0;
    }

    /** The thing asked for does not exist. */
    public static class NotFound extends ProblemException {
        public NotFound(String detail) {
            super("not-found", "Not found", 404, detail);
        }
    }

    /** The request conflicts with the current state, e.g. a name already taken. */
    public static class Conflict extends ProblemException {
        public Conflict(String detail) {
            super("conflict", "Conflict", 409, detail);
        }
    }

    /** The module this API belongs to is turned off in the settings. */
    public static class ModuleOff extends ProblemException {
        public ModuleOff(String detail) {
            super("module-off", "Module turned off", 409, detail);
        }
    }

    /** The input is invalid; each field error says which field and what is allowed. */
    public static class Invalid extends ProblemException {
        private final List<Problem.FieldError> errors;

        public Invalid(String detail, List<Problem.FieldError> errors) {
            super("validation", "Invalid input", 400, detail);
            this.errors = List.copyOf(errors);
        }

        /** One error or several, with the detail the API gives for each case. */
        public static Invalid of(List<Problem.FieldError> errors) {
            return new Invalid(detail(errors), errors);
        }

        /** "The field 'x' is invalid: ..." for one error, "N fields are invalid; see errors." for more. */
        public static String detail(List<Problem.FieldError> errors) {
            return errors.size() == 1
                    ? "The field '" + errors.get(0).field() + "' is invalid: "
                            + errors.get(0).message()
                    : errors.size() + " fields are invalid; see errors.";
        }

        public static Invalid field(String field, String message) {
            return new Invalid(
                    "The field '" + field + "' is invalid: " + message,
                    List.of(new Problem.FieldError(field, message)));
        }

        @Override
        public List<Problem.FieldError> fieldErrors() {
            return errors;
        }
    }

    /** The caller is not (or no longer) authenticated, e.g. wrong credentials or an invalid refresh token. */
    public static class Unauthorized extends ProblemException {
        public Unauthorized(String detail) {
            super("unauthorized", "Unauthorized", 401, detail);
        }
    }

    /** The caller is known but may not do this. */
    public static class Forbidden extends ProblemException {
        public Forbidden(String detail) {
            super("forbidden", "Forbidden", 403, detail);
        }
    }

    /** A system this service depends on (broker, store, another service) is not available. */
    public static class Unavailable extends ProblemException {
        public Unavailable(String detail) {
            super("unavailable", "Service unavailable", 503, detail);
        }
    }

    /** Too many requests of one kind from one client; try again after the given time. */
    public static class Throttled extends ProblemException {
        private final long retryAfterSeconds;

        public Throttled(String title, String detail, long retryAfterSeconds) {
            super("throttled", title, 429, detail);
            this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
