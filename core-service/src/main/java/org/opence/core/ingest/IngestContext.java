package org.opence.core.ingest;

import org.opence.common.bus.RabbitBus;
import org.opence.common.logs.LogWriter;
import org.opence.core.CoreConfig;

/** What a {@link StreamPuller} uses of the supervisor that runs it. */
interface IngestContext {

    CoreConfig.Ingest settings();

    Checkpoints checkpoints();

    TenantDirectory directory();

    IngestMetrics metrics();

    RabbitBus bus();

    PageTranscoder transcoder();

    /** Where elements of pages that are no records are kept. */
    MalformedElements malformed();

    NetskopeClient client(TenantDirectory.Tenant tenant);

    /** The iterator {@code index} name of this installation for a tenant (one consumer per index). */
    String indexName(String tenant);

    /** This replica, as shown in the stream state. */
    String owner();

    /** The service name, as the {@code source} of the envelopes. */
    String source();

    String decrypt(String ciphertext);

    /** The platform log (the Logging page). */
    LogWriter logs();

    boolean paused();

    String pauseReason();

    /** The tenant refused a token or a scope: the stream stopped; tell the operators. */
    void refused(StreamKey key, String message);
}
