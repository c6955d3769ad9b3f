package org.opence.tenant.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.store.Store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/** The {@code users} collection. */
@ApplicationScoped
public class UserStore {

    static final String COLLECTION = "users";

    private final MongoCollection<Document> users;

    public UserStore(Store store) {
        this.users = store.collection(COLLECTION);
    }

    public Optional<User> find(String username) {
        return Optional.ofNullable(users.find(Filters.eq("username", username)).first())
                .map(UserStore::fromDocument);
    }

    public List<User> all() {
        List<User> result = new ArrayList<>();
        users.find().sort(Sorts.ascending("username")).forEach(d -> result.add(fromDocument(d)));
        return result;
    }

    /** Inserts; fails with a duplicate-key error when the name is taken. */
    public void insert(User user) {
        users.insertOne(toDocument(user));
    }

    public void save(User user) {
        users.replaceOne(Filters.eq("username", user.username()), toDocument(user), new ReplaceOptions().upsert(false));
    }

    public boolean delete(String username) {
        return users.deleteOne(Filters.eq("username", username)).getDeletedCount() == 1;
    }

    private static Document toDocument(User u) {
        return new Document("username", u.username())
                .append("role", u.role())
                .append("enabled", u.enabled())
                .append("passwordHash", u.passwordHash())
                .append("mustChangePassword", u.mustChangePassword())
                .append("eulaAcceptedAt", date(u.eulaAcceptedAt()))
                .append("createdAt", date(u.createdAt()))
                .append("updatedAt", date(u.updatedAt()));
    }

    private static User fromDocument(Document d) {
        return new User(
                d.getString("username"),
                d.getString("role"),
                d.getBoolean("enabled", true),
                d.getString("passwordHash"),
                d.getBoolean("mustChangePassword", false),
                instant(d.getDate("eulaAcceptedAt")),
                instant(d.getDate("createdAt")),
                instant(d.getDate("updatedAt")));
    }

    private static Date date(Instant i) {
        return i == null ? null : Date.from(i);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
