package org.opence.core.system;

import java.time.Instant;

/**
 * This installation of Open CE: created on the first start and kept for good, so its id tells
 * operators (and support) which installation they are looking at, across restarts and upgrades.
 */
public record Installation(String id, Instant installedAt) {}
