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

    /** Pulling the Netskope tenants. */
    Ingest ingest();

    /** The platform log (the Logging page). */
    Logs logs();

    /** Deleting what is older than the settings' retention. */
    Retention retention();

    interface Logs {
        /**
         * Entry ids per segment collection ({@code log_entries_<n>}, ids n*size to (n+1)*size-1). Fixed by
         * the first start (kept in {@code log_state}); a later change is ignored with a warning.
         */
        @WithDefault("2500")
        int segmentSize();

        /**
         * How long one search may go on looking through older segments once it has looked at one; then
         * it answers with what it found, {@code more=true} and a cursor to go on from.
         */
        @WithDefault("100ms")
        Duration queryBudget();
    }

    interface Retention {
        /** How often the retention job runs (one replica at a time, through a lease). */
        @WithDefault("1h")
        Duration interval();

        /** Wait after start-up before its first run. */
        @WithDefault("1m")
        Duration initialDelay();
    }

    interface Ingest {
        /** Whether this replica pulls at all (replicas compete for each stream through a lease). */
        @WithDefault("true")
        boolean enabled();

        /** How often the supervisor reconciles streams with needs, renews leases and checks the disk. */
        @WithDefault("2s")
        Duration tick();

        /** How long a stream's lease lasts without renewal: how soon another replica takes over a dead one. */
        @WithDefault("20s")
        Duration leaseTtl();

        /** Records per {@code ce.data} message (a 10,000-record page becomes several messages). */
        @WithDefault("2000")
        int batchRecords();

        /** First wait after a failure; doubled per failure up to {@code backoff-max}, with jitter. */
        @WithDefault("1s")
        Duration backoffInitial();

        @WithDefault("60s")
        Duration backoffMax();

        /** Upper bound on the tenant's {@code wait_time}. */
        @WithDefault("300s")
        Duration maxWait();

        /** Wait when caught up and the tenant gave no {@code wait_time}. */
        @WithDefault("5s")
        Duration idleWait();

        /** Least time between two calls of one stream (the tenant allows 4 a second per endpoint). */
        @WithDefault("250ms")
        Duration minInterval();

        /** Timeout of one call to the tenant. */
        @WithDefault("120s")
        Duration requestTimeout();

        /** How long the broker may take to confirm a page's messages. */
        @WithDefault("60s")
        Duration confirmTimeout();

        /** v1 only: length of one time window. */
        @WithDefault("1h")
        Duration v1Window();

        /** v1 only: records per call (the API allows fewer than 10,000). */
        @WithDefault("5000")
        int v1PageSize();

        /** v1 only: how far behind now windows end, so records that arrive late are not skipped. */
        @WithDefault("60s")
        Duration v1Lag();

        /** Pulling pauses while the free space under the data directory is below this (MiB). */
        @WithDefault("512")
        long minFreeDiskMb();
    }

    interface Plugins {
        /** Largest plugin jar accepted for upload (it travels in one bus message to every module service). */
        @WithDefault("${ce.plugins.max-upload-bytes}")
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
