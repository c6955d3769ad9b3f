package org.opence.simulator.splunk.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the simulated collector can be told at start; each key also reads from the environment. */
@ConfigMapping(prefix = "splunk-sim")
public interface SimulatorConfig {

    /**
     * HEC tokens and the indexes each may write to: {@code token=index1,index2;token2=*}. The first index
     * named is the token's default index (events that name none land there); {@code *} allows any index,
     * and alone it means default {@code main}, any index allowed.
     */
    @WithDefault("demo-hec-token=main,*")
    String tokens();

    /** Tokens with indexer acknowledgement turned on (comma separated): they need a channel and get ackIds. */
    Optional<String> ackTokens();

    /** Tokens that exist but are disabled (comma separated): refused with code 1. */
    Optional<String> disabledTokens();

    /**
     * Accept the token as {@code ?token=} (Splunk's {@code allowQueryStringAuth}). Off, as in Splunk: a
     * valid token sent that way is refused with code 16.
     */
    @WithDefault("false")
    boolean allowQueryStringAuth();

    /**
     * Whether {@code /services/collector/raw} needs a channel even for a token without indexer
     * acknowledgement (Splunk's documentation says a raw request carries a channel).
     */
    @WithDefault("true")
    boolean rawRequiresChannel();

    /** Time from accepting a request to its ackId reporting {@code true}: clients have to poll. */
    @WithDefault("1s")
    Duration ackDelay();

    /** Largest request body accepted, in bytes, as on the wire (Splunk's {@code max_content_length}). */
    @WithDefault("1000000")
    long maxContentLength();

    /**
     * Largest body after gzip decompression, in bytes: a guard of the simulator against gzip bombs, not a
     * Splunk setting.
     */
    @WithDefault("67108864")
    long maxDecodedLength();

    /** Indexed events kept in memory for inspection; older ones are dropped, the counters keep counting. */
    @WithDefault("100000")
    int maxEvents();

    /** Source of events that name none (Splunk uses {@code http:<input name>}). */
    @WithDefault("http:splunk-hec-simulator")
    String defaultSource();

    /** Sourcetype of events that name none. */
    @WithDefault("httpevent")
    String defaultSourcetype();
}
