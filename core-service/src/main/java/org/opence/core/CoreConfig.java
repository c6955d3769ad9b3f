package org.opence.core;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** core-service settings. Every key can be set from the environment, e.g. {@code CORE_STATUS_BUS_TIMEOUT=5s}. */
@ConfigMapping(prefix = "core")
public interface CoreConfig {

    /** The services of the suite whose health the system status reports, by service name. */
    Map<String, ServiceEndpoint> services();

    /** How the system status is measured. */
    Status status();

    /** The plugin catalogue. */
    Plugins plugins();

    interface Plugins {
        /** Largest plugin jar accepted for upload (it travels in one bus message to every module service). */
        @WithDefault("15728640")
        long maxUploadBytes();
    }

    interface ServiceEndpoint {
        /** URL of the service's health endpoint, e.g. {@code http://127.0.0.1:8081/q/health}. */
        URI health();

        /** Whether the service is on the bus and must answer the status round trip. */
        @WithDefault("true")
        boolean onBus();
    }

    interface Status {
        /** How long the status waits for every service to answer the bus round trip. */
        @WithDefault("3s")
        Duration busTimeout();

        /** How long the status waits for each service's health endpoint. */
        @WithDefault("3s")
        Duration healthTimeout();
    }
}
