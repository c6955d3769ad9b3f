package org.opence.plugin.api.cre;

import java.util.List;

/**
 * A kind of thing a Risk Exchange source knows about (users, devices, applications).
 *
 * @param name e.g. {@code Users}
 * @param fields the fields of its records, the first being the identifier
 */
public record Entity(String name, List<String> fields) {
    public Entity {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
