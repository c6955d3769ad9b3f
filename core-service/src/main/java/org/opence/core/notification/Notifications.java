package org.opence.core.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.store.Store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

/**
 * Notifications raised by the platform (a tenant refused a token, the disk is low, ...), de-duplicated
 * by a key: raising the same key again while it is active counts up instead of adding another entry,
 * so one failing stream cannot raise thousands. Resolved when the cause is gone.
 */
@ApplicationScoped
public class Notifications {

    static final String COLLECTION = "notifications";

    /** How loud: info, warning, error; a banner is shown on every page until resolved. */
    public enum Severity {
        info,
        warning,
        error
    }

    /** A notification as shown. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(
            String key,
            Severity severity,
            boolean banner,
            String source,
            String message,
            long count,
            Instant firstAt,
            Instant lastAt,
            Instant resolvedAt) {}

    private final MongoCollection<Document> notifications;

    public Notifications(Store store) {
        this.notifications = store.collection(COLLECTION);
    }

    /** Raises (or counts up) the notification {@code key}. */
    public void raise(String key, Severity severity, boolean banner, String source, String message) {
        Date now = new Date();
        Document active = notifications
                .find(Filters.and(Filters.eq("_id", key), Filters.eq("resolvedAt", null)))
                .first();
        if (active != null) {
            notifications.updateOne(
                    Filters.eq("_id", key),
                    Updates.combine(
                            Updates.inc("count", 1L),
                            Updates.set("lastAt", now),
                            Updates.set("message", message),
                            Updates.set("severity", severity.name()),
                            Updates.set("banner", banner)));
            return;
        }
        notifications.updateOne(
                Filters.eq("_id", key),
                Updates.combine(
                        Updates.set("severity", severity.name()),
                        Updates.set("banner", banner),
                        Updates.set("source", source),
                        Updates.set("message", message),
                        Updates.set("count", 1L),
                        Updates.set("firstAt", now),
                        Updates.set("lastAt", now),
                        Updates.set("createdAt", now),
                        Updates.set("resolvedAt", null)),
                new UpdateOptions().upsert(true));
    }

    /** The cause is gone: the notification stays in the history as resolved. */
    public void resolve(String key) {
        notifications.updateOne(
                Filters.and(Filters.eq("_id", key), Filters.eq("resolvedAt", null)),
                Updates.set("resolvedAt", new Date()));
    }

    /** A user cleared it; it comes back if raised again. False when no active notification has that key. */
    public boolean clear(String key, String by) {
        return notifications
                        .updateOne(
                                Filters.and(Filters.eq("_id", key), Filters.eq("resolvedAt", null)),
                                Updates.combine(Updates.set("resolvedAt", new Date()), Updates.set("clearedBy", by)))
                        .getModifiedCount()
                > 0;
    }

    /** Deletes notifications resolved (or cleared) before {@code cutoff}; active ones stay however old. */
    public long deleteResolvedBefore(Instant cutoff) {
        return notifications
                .deleteMany(Filters.and(Filters.ne("resolvedAt", null), Filters.lt("resolvedAt", Date.from(cutoff))))
                .getDeletedCount();
    }

    public List<View> list(boolean includeResolved, int limit) {
        List<View> views = new ArrayList<>();
        notifications
                .find(includeResolved ? new Document() : Filters.eq("resolvedAt", null))
                .sort(Sorts.descending("lastAt"))
                .limit(limit)
                .forEach(d -> views.add(view(d)));
        return views;
    }

    private static View view(Document d) {
        return new View(
                d.getString("_id"),
                Severity.valueOf(d.getString("severity")),
                d.getBoolean("banner", false),
                d.getString("source"),
                d.getString("message"),
                d.get("count") instanceof Number n ? n.longValue() : 1,
                instant(d, "firstAt"),
                instant(d, "lastAt"),
                instant(d, "resolvedAt"));
    }

    private static Instant instant(Document d, String key) {
        return d.getDate(key) == null ? null : d.getDate(key).toInstant();
    }
}
