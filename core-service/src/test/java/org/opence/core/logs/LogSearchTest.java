package org.opence.core.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.common.store.Store;
import org.opence.core.CoreCollections;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log store and search on the embedded store, without the service around them: every way a
 * search can go (postings, fetch by id, segment scan, time budget) gives exactly the entries a plain
 * filter over everything gives, newest first, page after page.
 */
class LogSearchTest {

    private static final String[] MODULES = {"core", "cte", "cto", "cre", "cls", "tenant"};
    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private Store store;
    private LogStore logs;
    private final List<Stored> all = new ArrayList<>();

    /** An entry as written, with the id it got. */
    record Stored(long id, LogEntry entry) {}

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        store = new Store(client.getDatabase("logs-test"), new CoreCollections());
        logs = new LogStore(store, 50);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    private void write(int count, long seed) {
        Random random = new Random(seed);
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = all.size() + batch.size();
            LogLevel level = random.nextInt(20) == 0
                    ? LogLevel.error
                    : random.nextInt(6) == 0 ? LogLevel.warning : random.nextBoolean() ? LogLevel.info : LogLevel.debug;
            String module = MODULES[random.nextInt(random.nextInt(10) == 0 ? 6 : 3)];
            boolean plugin = !module.equals("core") && random.nextBoolean();
            // most entries arrive in time order; some late, from a service whose batches waited
            Instant time = START.plus(Duration.ofMinutes(n))
                    .minus(Duration.ofMinutes(random.nextInt(10) == 0 ? random.nextInt(300) : 0));
            batch.add(new LogEntry(
                    time,
                    level,
                    module,
                    plugin ? "plugin" + random.nextInt(3) : null,
                    plugin ? "Conf " + random.nextInt(5) + ".prod $1" : null, // '.' and '$' in a value
                    (random.nextInt(30) == 0 ? "Connection TIMED out after " : "Pulled ") + n + " records",
                    level == LogLevel.error ? "CODE-" + random.nextInt(4) : null,
                    null,
                    null,
                    null,
                    module + "-service"));
            if (batch.size() == 37 || i == count - 1) {
                long first = logs.add(UUID.randomUUID().toString(), Instant.now(), batch);
                for (int k = 0; k < batch.size(); k++) {
                    all.add(new Stored(first + k, batch.get(k)));
                }
                batch.clear();
            }
        }
    }

    private List<Long> expected(LogQuery q) {
        return all.stream()
                .filter(s -> q.before() == null || s.id() < q.before())
                .filter(s -> q.levels().contains(s.entry().level()))
                .filter(s ->
                        q.modules() == null || q.modules().contains(s.entry().module()))
                .filter(s -> q.plugin() == null || q.plugin().equals(s.entry().plugin()))
                .filter(s -> q.configuration() == null
                        || q.configuration().equals(s.entry().configuration()))
                .filter(s -> q.text() == null
                        || s.entry()
                                .message()
                                .toLowerCase(Locale.ROOT)
                                .contains(q.text().toLowerCase(Locale.ROOT)))
                .filter(s -> q.from() == null || !s.entry().time().isBefore(q.from()))
                .filter(s -> q.to() == null || s.entry().time().isBefore(q.to()))
                .sorted(Comparator.comparingLong(Stored::id).reversed())
                .map(Stored::id)
                .toList();
    }

    /** Every page of the search, following nextBefore, as ids. */
    private List<Long> allPages(LogSearch search, LogQuery first) {
        List<Long> ids = new ArrayList<>();
        LogQuery q = first;
        for (int pages = 0; pages < 1000; pages++) {
            LogPage page = search.search(q);
            assertThat(page.entries().size()).isLessThanOrEqualTo(q.limit());
            page.entries().forEach(e -> ids.add(Long.parseLong(e.id())));
            if (!page.more()) {
                return ids;
            }
            q = new LogQuery(
                    q.levels(),
                    q.modules(),
                    q.plugin(),
                    q.configuration(),
                    q.text(),
                    q.from(),
                    q.to(),
                    Long.parseLong(page.nextBefore()),
                    q.limit());
        }
        throw new AssertionError("more than 1000 pages");
    }

    private static LogQuery query(
            Set<LogLevel> levels,
            Set<String> modules,
            String plugin,
            String configuration,
            String text,
            Instant from,
            Instant to,
            int limit) {
        return new LogQuery(levels, modules, plugin, configuration, text, from, to, null, limit);
    }

    @Test
    void shouldFindExactlyWhatAFilterOverEverythingFindsWithEveryFilterAndPage() {
        write(1_000, 7);
        // by id where cheap (the default), always scanning, always by id: the same answers
        for (LogSearch search : List.of(
                new LogSearch(logs, Duration.ofSeconds(30)),
                new LogSearch(logs, Duration.ofSeconds(30), 0),
                new LogSearch(logs, Duration.ofSeconds(30), Long.MAX_VALUE))) {
            assertEveryQueryFindsWhatAFilterFinds(search);
        }
    }

    private void assertEveryQueryFindsWhatAFilterFinds(LogSearch search) {
        Instant mid = START.plus(Duration.ofMinutes(400));
        List<LogQuery> queries = List.of(
                LogQuery.newest(25),
                query(EnumSet.of(LogLevel.error), null, null, null, null, null, null, 10),
                query(EnumSet.of(LogLevel.warning, LogLevel.error), null, null, null, null, null, null, 50),
                query(EnumSet.of(LogLevel.debug, LogLevel.error), null, null, null, null, null, null, 100),
                query(null, Set.of("tenant"), null, null, null, null, null, 7),
                query(null, Set.of("cte", "cls"), null, null, null, null, null, 100),
                query(null, null, "plugin1", null, null, null, null, 20),
                query(null, null, null, "Conf 3.prod $1", null, null, null, 20),
                query(EnumSet.of(LogLevel.error), Set.of("cto"), "plugin2", "Conf 1.prod $1", null, null, null, 5),
                query(null, null, null, null, "timed OUT", null, null, 10),
                query(null, null, null, null, "pulled 9", null, null, 500),
                query(null, null, null, null, null, mid, mid.plus(Duration.ofMinutes(77)), 10),
                query(null, null, null, null, null, mid, null, 500),
                query(null, null, null, null, null, null, mid, 30),
                query(
                        EnumSet.of(LogLevel.warning),
                        Set.of("cte"),
                        null,
                        null,
                        "records",
                        mid,
                        mid.plus(Duration.ofHours(5)),
                        3),
                query(null, Set.of("nobody"), null, null, null, null, null, 10),
                query(null, null, null, null, "no such text", null, null, 10));
        for (LogQuery q : queries) {
            assertThat(allPages(search, q)).as(q.toString()).containsExactlyElementsOf(expected(q));
        }
    }

    @Test
    void shouldAnswerTheFirstPageNewestFirstWithACursorToTheNext() {
        write(120, 1);
        LogSearch search = new LogSearch(logs, Duration.ofSeconds(30));

        LogPage first = search.search(LogQuery.newest(50));

        assertThat(first.entries()).hasSize(50);
        assertThat(first.entries().get(0).message())
                .isEqualTo(all.get(119).entry().message());
        assertThat(first.more()).isTrue();
        assertThat(first.nextBefore()).isEqualTo(first.entries().get(49).id());
        assertThat(first.entries().get(0).hasDetails()).isFalse();
        assertThat(first.entries().get(0).details()).isNull();
    }

    @Test
    void shouldStopAtTheTimeBudgetAndGoOnFromTheCursor() {
        write(600, 3);
        LogSearch impatient = new LogSearch(logs, Duration.ZERO);
        LogQuery rare = query(null, null, null, null, "timed out", null, null, 500);

        LogPage page = impatient.search(rare);

        assertThat(page.more()).isTrue();
        assertThat(page.entries().size()).isLessThan(expected(rare).size());
        assertThat(allPages(impatient, rare)).containsExactlyElementsOf(expected(rare));
    }

    @Test
    void shouldStoreARedeliveredBatchOnce() {
        List<LogEntry> batch = List.of(LogEntry.of(LogLevel.info, "one"), LogEntry.of(LogLevel.error, "two"));
        String id = UUID.randomUUID().toString();
        Instant sent = Instant.now();

        long first = logs.add(id, sent, batch);
        long again = logs.add(id, sent, batch);

        assertThat(again).isEqualTo(first);
        LogSearch search = new LogSearch(logs, Duration.ofSeconds(5));
        assertThat(search.search(LogQuery.newest(10)).entries())
                .extracting(LogView::message)
                .containsExactly("two", "one");
        assertThat(search.search(query(EnumSet.of(LogLevel.error), null, null, null, null, null, null, 10))
                        .entries())
                .hasSize(1);
        assertThat(logs.find(first + 1)).get().extracting(LogView::message).isEqualTo("two");
    }

    @Test
    void shouldDropWholeExpiredSegmentsAndTrimTheOneThatStraddlesTheCutoff() {
        write(130, 5); // ids 1..130: segments 0 (1-49), 1 (50-99), 2 (100-130), one entry a minute
        Instant cutoff = START.plus(Duration.ofMinutes(75)); // inside segment 1

        int dropped = logs.expire(cutoff, Instant.now());

        assertThat(dropped).isEqualTo(1);
        assertThat(store.members(LogStore.ENTRIES)).containsExactlyInAnyOrder("log_entries_1", "log_entries_2");
        LogSearch search = new LogSearch(logs, Duration.ofSeconds(5));
        List<Long> left = allPages(search, LogQuery.newest(500));
        assertThat(left)
                .containsExactlyElementsOf(expected(LogQuery.newest(500)).stream()
                        .filter(id -> !all.get((int) id.longValue() - 1)
                                .entry()
                                .time()
                                .isBefore(cutoff))
                        .toList());
        assertThat(logs.find(1)).isEmpty();
        assertThat(store.collection("log_postings")
                        .find(Filters.regex("_id", "^0\\|"))
                        .first())
                .isNull();
        assertThat(store.collection("log_postings")
                        .find(Filters.regex("_id", "^1\\|"))
                        .first())
                .isNotNull();
        assertThat(logs.find(130)).isPresent();
    }
}
