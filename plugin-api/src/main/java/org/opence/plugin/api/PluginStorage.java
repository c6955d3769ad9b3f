package org.opence.plugin.api;

import java.util.Map;
import java.util.Optional;

/** Small key-value storage of one configuration, kept by the platform (in MongoDB) across restarts. */
public interface PluginStorage {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);

    /** Everything stored, as a copy. */
    Map<String, String> all();
}
