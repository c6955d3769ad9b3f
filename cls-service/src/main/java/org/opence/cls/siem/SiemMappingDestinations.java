package org.opence.cls.siem;

import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.opence.common.plugin.config.ConfigurationUsers;
import org.opence.common.store.Store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/** A destination that SIEM mappings send to is not deleted from under them. */
@ApplicationScoped
public class SiemMappingDestinations implements ConfigurationUsers {

    private final MongoCollection<Document> mappings;

    public SiemMappingDestinations(Store store) {
        this.mappings = store.collection("cls_siem_mappings");
    }

    @Override
    public List<String> usersOf(String configuration) {
        List<String> users = new ArrayList<>();
        mappings.find(Filters.eq("destinations", configuration))
                .projection(Projections.include("name"))
                .sort(Sorts.ascending("name"))
                .forEach(d -> users.add("the SIEM mapping '" + d.getString("name") + "'"));
        return users;
    }
}
