package org.opence.core.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opence.common.error.ProblemException;
import org.opence.common.logs.LogLevel;
import org.opence.common.security.Roles;

/** The platform log (the Logging page): what every service and plugin wrote; every signed-in role reads it. */
@Path("/api/logs")
@Tag(name = "Logs")
@Produces(MediaType.APPLICATION_JSON)
public class LogResource {

    private static final int MAX_TEXT = 200;

    private final LogSearch search;
    private final LogStore store;

    public LogResource(LogSearch search, LogStore store) {
        this.search = search;
        this.store = store;
    }

    @GET
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(
            summary = "Log entries, newest first, a page at a time",
            description = "level=warning gives warning and above; levels=info,error gives exactly those."
                    + " module (comma-separated), plugin and configuration match exactly; text is a piece of"
                    + " the message, any case; from (inclusive) and to (exclusive) are ISO-8601 instants."
                    + " Ask for the next page with before=<nextBefore>. more=true with fewer than limit entries"
                    + " means the search stopped at its time budget: ask again with before=<nextBefore>.")
    public LogPage list(
            @QueryParam("level") String level,
            @QueryParam("levels") String levels,
            @QueryParam("module") String module,
            @QueryParam("plugin") String plugin,
            @QueryParam("configuration") String configuration,
            @QueryParam("text") String text,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("before") String before,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.Invalid.field("limit", "must be 1 to 500");
        }
        if (blank(level) != null && blank(levels) != null) {
            throw ProblemException.Invalid.field(
                    "levels", "give either level (that level and above) or levels, not both");
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.Invalid.field("to", "must be after from");
        }
        String piece = blank(text);
        if (piece != null && piece.length() > MAX_TEXT) {
            throw ProblemException.Invalid.field("text", "must be at most " + MAX_TEXT + " characters");
        }
        return search.search(new LogQuery(
                blank(levels) != null ? levelList(levels) : atLeast(level),
                names("module", module == null ? null : module.toLowerCase(java.util.Locale.ROOT)),
                name("plugin", plugin),
                name("configuration", configuration),
                piece,
                start,
                end,
                cursor(before),
                limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ_ONLY)
    @Operation(summary = "One log entry, with its details and resolution")
    public LogView get(@PathParam("id") String id) {
        long value;
        try {
            value = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new ProblemException.NotFound("No log entry with the id '" + id + "'.");
        }
        return store.find(value)
                .orElseThrow(() -> new ProblemException.NotFound(
                        "No log entry with the id '" + id + "'; it may have expired (Settings, retention of logs)."));
    }

    private static Set<LogLevel> atLeast(String level) {
        if (blank(level) == null) {
            return null;
        }
        LogLevel minimum = level(level, "level");
        Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);
        for (LogLevel l : LogLevel.values()) {
            if (l.atLeast(minimum)) {
                levels.add(l);
            }
        }
        return levels;
    }

    private static Set<LogLevel> levelList(String list) {
        Set<LogLevel> levels = EnumSet.noneOf(LogLevel.class);
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                levels.add(level(part, "levels"));
            }
        }
        return levels;
    }

    private static LogLevel level(String name, String field) {
        try {
            return LogLevel.parse(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.Invalid.field(
                    field,
                    "'" + name.trim() + "' is not a level; use debug, info, warning or error"
                            + (field.equals("level") ? " (levels=a,b for exactly those levels)" : ""));
        }
    }

    private static Set<String> names(String field, String list) {
        if (blank(list) == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String n = name(field, part);
            if (n != null) {
                names.add(n);
            }
        }
        return names.isEmpty() ? null : names;
    }

    private static String name(String field, String value) {
        String v = blank(value);
        if (v != null && v.length() > 200) {
            throw ProblemException.Invalid.field(field, "must be at most 200 characters");
        }
        return v;
    }

    private static Long cursor(String before) {
        if (blank(before) == null) {
            return null;
        }
        try {
            long value = Long.parseLong(before.trim());
            if (value < 1) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.Invalid.field("before", "must be the nextBefore of a previous page");
        }
    }

    private static Instant instant(String field, String value) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.Invalid.field(field, "must be an ISO-8601 instant, e.g. 2026-11-27T05:00:00Z");
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
