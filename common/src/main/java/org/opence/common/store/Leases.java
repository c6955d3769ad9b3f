package org.opence.common.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

/**
 * Time-limited leases in MongoDB, so that a scheduled job runs on one replica at a time: a replica
 * takes the lease when it is free or expired, renews it while it works, and releases it when done.
 * A replica that dies loses the lease when it expires. Works on real MongoDB and on the embedded
 * store (it needs only the unique {@code _id} and {@code findOneAndUpdate}).
 */
public final class Leases {

    private final MongoCollection<Document> leases;
    private final String owner;
    private final Clock clock;

    /**
     * @param leases a collection the service owns, e.g. {@code cls_leases}
     * @param owner who asks (service instance, host/pid)
     */
    public Leases(MongoCollection<Document> leases, String owner, Clock clock) {
        this.leases = leases;
        this.owner = owner;
        this.clock = clock;
    }

    /** Takes or renews the lease {@code name} for {@code ttl}; false when another owner holds it. */
    public boolean acquire(String name, Duration ttl) {
        Instant now = clock.instant();
        Document current = leases.find(Filters.eq("_id", name)).first();
        if (current == null) {
            // nobody ever held it: create it; a replica racing us makes the insert fail
            try {
                leases.insertOne(
                        new Document("_id", name).append("owner", owner).append("expiresAt", Date.from(now.plus(ttl))));
                return true;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        if (!owner.equals(current.getString("owner"))
                && !current.getDate("expiresAt").toInstant().isBefore(now)) {
            return false;
        }
        // free or ours: take it only if nobody changed it since we read it
        Document taken = leases.findOneAndUpdate(
                Filters.and(
                        Filters.eq("_id", name),
                        Filters.eq("owner", current.getString("owner")),
                        Filters.eq("expiresAt", current.getDate("expiresAt"))),
                Updates.combine(Updates.set("owner", owner), Updates.set("expiresAt", Date.from(now.plus(ttl)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return taken != null;
    }

    /** Gives the lease up early, if this owner holds it. */
    public void release(String name) {
        leases.deleteOne(Filters.and(Filters.eq("_id", name), Filters.eq("owner", owner)));
    }
}
