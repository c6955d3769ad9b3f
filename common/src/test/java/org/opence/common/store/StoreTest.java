package org.opence.common.store;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        database = client.getDatabase("store-test");
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void shouldCreateOwnedCollectionsWithTheirIndexes() {
        new Store(database, () -> List.of(CollectionSpec.of("users", IndexSpec.unique("username"))));

        assertThat(database.listCollectionNames().into(new ArrayList<>())).contains("users");
        var users = database.getCollection("users");
        users.insertOne(new Document("username", "alice"));
        assertThatThrownBy(() -> users.insertOne(new Document("username", "alice")))
                .isInstanceOf(MongoWriteException.class);
    }

    @Test
    void shouldBeIdempotentAcrossRestarts() {
        OwnedCollections owned = () -> List.of(CollectionSpec.of("tenants", IndexSpec.unique("name")));
        new Store(database, owned).collection("tenants").insertOne(new Document("name", "acme"));

        Store again = new Store(database, owned);

        assertThat(again.collection("tenants").countDocuments()).isEqualTo(1);
    }

    @Test
    void shouldRefuseACollectionAnotherServiceOwns() {
        Store store = new Store(database, () -> List.of(CollectionSpec.of("indicators")));

        assertThatThrownBy(() -> store.collection("users"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'users' is not owned by this service");
    }

    @Test
    void shouldRejectCollectionNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> CollectionSpec.of("Users-Old")).hasMessageContaining("lower case letters");
    }

    @Test
    void shouldCreateMembersOfAFamilyWhenUsedAndListAndDropThem() {
        Store store = new Store(
                database,
                () -> List.of(
                        CollectionSpec.of("log_state"),
                        CollectionSpec.family("log_entries_", IndexSpec.unique("uid"))));
        assertThat(database.listCollectionNames().into(new ArrayList<>())).containsExactly("log_state");

        store.collection("log_entries_1").insertOne(new Document("uid", "a"));
        store.collection("log_entries_2").insertOne(new Document("uid", "a"));

        assertThat(store.members("log_entries_")).containsExactlyInAnyOrder("log_entries_1", "log_entries_2");
        assertThatThrownBy(() -> store.collection("log_entries_1").insertOne(new Document("uid", "a")))
                .isInstanceOf(MongoWriteException.class);
        store.drop("log_entries_1");
        assertThat(store.members("log_entries_")).containsExactly("log_entries_2");
    }

    @Test
    void shouldRefuseNamesOutsideTheFamilyAndDroppingFixedCollections() {
        Store store = new Store(
                database, () -> List.of(CollectionSpec.of("log_state"), CollectionSpec.family("log_entries_")));

        assertThatThrownBy(() -> store.collection("log_entries_X"))
                .hasMessageContaining("'log_entries_X' is not owned by this service");
        assertThatThrownBy(() -> store.collection("log_entries_")).hasMessageContaining("not owned");
        assertThatThrownBy(() -> store.drop("log_state")).hasMessageContaining("not owned");
    }

    @Test
    void shouldRefuseAFamilyThatCoversADeclaredCollection() {
        assertThatThrownBy(() -> new Store(
                        database,
                        () -> List.of(CollectionSpec.of("log_entries_old"), CollectionSpec.family("log_entries_"))))
                .hasMessageContaining("log_entries_old would also be a member of the family log_entries_");
        assertThatThrownBy(() -> CollectionSpec.family("log_entries")).hasMessageContaining("must end with '_'");
    }
}
