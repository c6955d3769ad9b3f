package org.opence.simulator.netskope.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the simulated tenant can be told at start; each key also reads from the environment. */
@ConfigMapping(prefix = "netskope-sim")
public interface SimulatorConfig {

    /** Seed of every generated record: the same seed gives the same records. */
    @WithDefault("42")
    long seed();

    /**
     * Epoch second the live generation starts at (history lies before it). Unset: the wall clock at
     * start-up. Set it to make timestamps reproducible across runs too.
     */
    Optional<Long> startEpoch();

    /** Length of the history burst before the start, in hours, so a first pull finds data. */
    @WithDefault("24")
    double historyHours();

    /**
     * Live generation rates in records per simulated second, as {@code key=rate} pairs separated by
     * commas. Keys: {@code events.<type>}, {@code alerts.<subtype>}, {@code events.*}, {@code alerts.*}
     * or {@code *}; the most specific key wins.
     */
    @WithDefault("events.*=2,alerts.*=0.2")
    String rates();

    /** Rates during the history burst, same syntax as {@link #rates()}. */
    @WithDefault("events.*=0.5,alerts.*=0.05")
    String historyRates();

    /** How many times faster than the wall clock simulated time runs after the start (1 = real time). */
    @WithDefault("1")
    double timeScale();

    /** Size of the stable user population records draw their users from. */
    @WithDefault("250")
    int users();

    /** Records per Data Export page (Netskope's maximum is 10,000). */
    @WithDefault("10000")
    int pageSize();

    /** Seconds a consumer is told to wait when it has caught up. */
    @WithDefault("30")
    int waitTime();

    /**
     * v2 tokens and their scopes: {@code token=scope,scope;token2=scope}. A scope is an endpoint path,
     * a trailing {@code *} makes it a prefix; {@code read:} or {@code write:} in front limits it to
     * reading (GET) or writing; without a prefix it grants both.
     */
    @WithDefault("demo-v2-token=*")
    String tokens();

    /** v1 tokens (the legacy tenant-wide token), comma separated. */
    @WithDefault("demo-v1-token")
    String v1Tokens();

    /** v2 rate limit: requests per second per endpoint and token. */
    @WithDefault("4")
    int rateLimitPerSecond();

    /** v1 rate limit: requests per {@link #v1RateWindowSeconds()} per token. */
    @WithDefault("24")
    int v1RateLimit();

    /** Window of the v1 rate limit, in seconds. */
    @WithDefault("5")
    int v1RateWindowSeconds();
}
