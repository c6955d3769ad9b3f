package org.opence.tenant.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.store.Store;
import org.opence.tenant.TenantConfig;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Slows password guessing without locking anyone out.
 *
 * <p>Two counters of failed sign-ins, each forgotten after a quiet time: one per client address
 * (whatever the account) and one per account name (whatever the address; names that exist and names
 * that do not are counted alike, so the answers never tell them apart). Past its free failures, each
 * counter makes the next attempt wait, doubling with every further failure up to its maximum; an
 * attempt that comes too early is answered 429 without checking the password. The per-account wait is
 * short (30 s at most by default) and does not apply to an address the account signed in from before,
 * so someone guessing the admin's password from elsewhere slows the guesses, never the admin.
 */
@ApplicationScoped
public class SignInThrottle {

    static final String COLLECTION = "signin_throttle";
    private static final int MAX_KNOWN_SOURCES = 20;

    /** How long to wait before the next attempt may be checked; zero when it may go now. */
    public record Verdict(Duration delay) {
        boolean allowed() {
            return delay.isZero();
        }
    }

    private final MongoCollection<Document> records;
    private final TenantConfig.Throttle config;

    public SignInThrottle(Store store, TenantConfig config) {
        this.records = store.collection(COLLECTION);
        this.config = config.throttle();
    }

    /** Whether a sign-in of {@code username} from {@code address} may be checked now. */
    public Verdict check(String username, String address, Instant now) {
        Document source = load(sourceKey(address), now);
        Duration wait =
                waitOf(source, config.sourceFreeFailures(), config.sourceFirstDelay(), config.sourceMaxDelay(), now);
        Document account = load(accountKey(username), now);
        if (!isKnownSource(account, address, now)) {
            Duration accountWait = waitOf(
                    account, config.accountFreeFailures(), config.accountFirstDelay(), config.accountMaxDelay(), now);
            if (accountWait.compareTo(wait) > 0) {
                wait = accountWait;
            }
        }
        return new Verdict(wait);
    }

    public void failed(String username, String address, Instant now) {
        countFailure(sourceKey(address), now);
        countFailure(accountKey(username), now);
    }

    /** A good sign-in: the address's count starts again, the account's too, and the address becomes known. */
    public void succeeded(String username, String address, Instant now) {
        records.deleteOne(Filters.eq("_id", sourceKey(address)));
        Document account = load(accountKey(username), now);
        List<Document> known = new ArrayList<>();
        if (account != null) {
            for (Document k : account.getList("knownSources", Document.class, List.of())) {
                if (!k.getString("address").equals(address) && stillKnown(k, now)) {
                    known.add(k);
                }
            }
        }
        known.add(0, new Document("address", address).append("at", Date.from(now)));
        if (known.size() > MAX_KNOWN_SOURCES) {
            known = known.subList(0, MAX_KNOWN_SOURCES);
        }
        records.replaceOne(
                Filters.eq("_id", accountKey(username)),
                new Document("_id", accountKey(username))
                        .append("failures", 0)
                        .append("lastFailureAt", null)
                        .append("knownSources", known),
                new ReplaceOptions().upsert(true));
    }

    /** Until when sign-ins of the account from an address it never used must wait; empty when they need not. */
    public Optional<Instant> delayedUntil(String username, Instant now) {
        Document account = load(accountKey(username), now);
        Duration wait = waitOf(
                account, config.accountFreeFailures(), config.accountFirstDelay(), config.accountMaxDelay(), now);
        return wait.isZero() ? Optional.empty() : Optional.of(now.plus(wait));
    }

    /** Forgets an account's failures (the super-admin enabled it, or the host's recovery command ran). */
    public void reset(String username) {
        records.updateOne(
                Filters.eq("_id", accountKey(username)),
                new Document("$set", new Document("failures", 0).append("lastFailureAt", null)));
    }

    /** Forgets every address's failures (the host's recovery command). */
    public void resetAllSources() {
        records.deleteMany(Filters.regex("_id", "^source:"));
    }

    /** Drops records whose failures are forgotten anyway and that remember no address. */
    public long purge(Instant now) {
        Date quiet = Date.from(now.minus(config.forgetAfter()));
        return records.deleteMany(Filters.and(
                        Filters.lt("lastFailureAt", quiet),
                        Filters.or(Filters.exists("knownSources", false), Filters.size("knownSources", 0))))
                .getDeletedCount();
    }

    private void countFailure(String key, Instant now) {
        Document current = load(key, now);
        int failures = current == null ? 1 : current.getInteger("failures", 0) + 1;
        Document next = current == null ? new Document("_id", key) : new Document(current);
        next.append("failures", failures).append("lastFailureAt", Date.from(now));
        records.replaceOne(Filters.eq("_id", key), next, new ReplaceOptions().upsert(true));
    }

    /** The record, with its failures forgotten when the last one is older than the quiet time. */
    private Document load(String key, Instant now) {
        Document d = records.find(Filters.eq("_id", key)).first();
        if (d == null) {
            return null;
        }
        Date last = d.getDate("lastFailureAt");
        if (last != null && last.toInstant().plus(config.forgetAfter()).isBefore(now)) {
            d.append("failures", 0).append("lastFailureAt", null);
        }
        return d;
    }

    static Duration waitOf(Document record, int free, Duration first, Duration max, Instant now) {
        if (record == null || record.getDate("lastFailureAt") == null) {
            return Duration.ZERO;
        }
        int beyond = record.getInteger("failures", 0) - free + 1;
        if (beyond <= 0) {
            return Duration.ZERO;
        }
        Duration delay = first.multipliedBy(1L << Math.min(beyond - 1, 30));
        if (delay.compareTo(max) > 0) {
            delay = max;
        }
        Instant allowedAt = record.getDate("lastFailureAt").toInstant().plus(delay);
        return allowedAt.isAfter(now) ? Duration.between(now, allowedAt) : Duration.ZERO;
    }

    private boolean isKnownSource(Document account, String address, Instant now) {
        if (account == null) {
            return false;
        }
        return account.getList("knownSources", Document.class, List.of()).stream()
                .anyMatch(k -> k.getString("address").equals(address) && stillKnown(k, now));
    }

    private boolean stillKnown(Document known, Instant now) {
        return known.getDate("at")
                .toInstant()
                .plus(config.knownSourceLifetime())
                .isAfter(now);
    }

    private static String sourceKey(String address) {
        return "source:" + (address == null ? "unknown" : address);
    }

    private static String accountKey(String username) {
        return "account:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }
}
