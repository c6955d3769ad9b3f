package org.opence.common.plugin.config;

import java.util.List;

/**
 * Something in a module that names plugin configurations (a SIEM mapping names its destinations). A
 * configuration that something uses is not deleted: the delete is refused with 409, naming the users,
 * instead of leaving them pointing at nothing.
 */
public interface ConfigurationUsers {

    /** What uses the configuration, each said as a user would find it ("SIEM mapping 'all-to-siem'"); empty when nothing. */
    List<String> usersOf(String configuration);
}
