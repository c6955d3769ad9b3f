package org.opence.embeddedmongo;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMongoTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepDocumentsAcrossARestart() throws Exception {
        Path file = dir.resolve("store.mv.db");

        // Given a document written through the ordinary MongoDB driver
        try (EmbeddedMongo mongo = new EmbeddedMongo(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(uri(mongo))) {
            client.getDatabase("opence")
                    .getCollection("installation")
                    .insertOne(new Document("_id", "installation").append("installationId", "abc-123"));
        }

        // When the store starts again on the same file
        try (EmbeddedMongo mongo = new EmbeddedMongo(file, "127.0.0.1", 0);
                MongoClient client = MongoClients.create(uri(mongo))) {
            Document found = client.getDatabase("opence")
                    .getCollection("installation")
                    .find(new Document("_id", "installation"))
                    .first();

            // Then the document is still there
            assertThat(found).isNotNull();
            assertThat(found.getString("installationId")).isEqualTo("abc-123");
        }
    }

    @Test
    void shouldRejectUnknownOptionsWithTheListOfValidOnes() {
        var thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> EmbeddedMongo.Options.parse(new String[] {"--dir", "x"}));

        assertThat(thrown).hasMessageContaining("unknown option --dir").hasMessageContaining("--file FILE");
    }

    private static String uri(EmbeddedMongo mongo) {
        return "mongodb://127.0.0.1:" + mongo.address().getPort();
    }
}
