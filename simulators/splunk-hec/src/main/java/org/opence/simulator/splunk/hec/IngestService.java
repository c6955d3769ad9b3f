package org.opence.simulator.splunk.hec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.splunk.ack.AckRegistry;
import org.opence.simulator.splunk.auth.Authenticator;
import org.opence.simulator.splunk.auth.HecToken;
import org.opence.simulator.splunk.config.SimulatorConfig;
import org.opence.simulator.splunk.control.FaultInjector;
import org.opence.simulator.splunk.control.RequestStats;
import org.opence.simulator.splunk.store.EventStore;
import org.opence.simulator.splunk.store.IndexedEvent;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The collector's work on a data request, in the order HEC checks: size, token, channel, body, then each
 * event. A refused event refuses the request, but the events before it are indexed (HEC reports the
 * refused one's position in {@code invalid-event-number}; the client must not resend those before it).
 */
@ApplicationScoped
public class IngestService {

    private final Authenticator auth;
    private final EventStore store;
    private final AckRegistry acks;
    private final FaultInjector faults;
    private final RequestStats stats;
    private final SimulatorConfig config;

    public IngestService(
            Authenticator auth,
            EventStore store,
            AckRegistry acks,
            FaultInjector faults,
            RequestStats stats,
            SimulatorConfig config) {
        this.auth = auth;
        this.store = store;
        this.acks = acks;
        this.faults = faults;
        this.stats = stats;
        this.config = config;
    }

    /** {@code /services/collector/event}: concatenated JSON event objects. */
    public HecResponse events(HecRequest request) {
        HecToken token = admit(request);
        String channel = Channels.resolve(request.channelHeader(), request.channelQuery(), token.ack());
        byte[] body = dataBody(request);
        EventParser.Result parsed = EventParser.parse(body);
        BigDecimal now = now();
        List<IndexedEvent> accepted = new ArrayList<>();
        HecException failure = parsed.failure();
        for (Envelope e : parsed.events()) {
            String index = or(e.index(), token.defaultIndex());
            if (!token.allows(index)) {
                failure = new HecException(HecCode.INCORRECT_INDEX, accepted.size());
                break;
            }
            accepted.add(new IndexedEvent(
                    e.time() == null ? now : e.time(),
                    or(e.host(), defaultHost(request)),
                    or(e.source(), config.defaultSource()),
                    or(e.sourcetype(), config.defaultSourcetype()),
                    index,
                    e.fields(),
                    e.event(),
                    Endpoints.EVENT,
                    channel));
        }
        return commit(request, token, channel, accepted, failure);
    }

    /**
     * {@code /services/collector/raw}: one event per non-empty line, metadata from the query
     * ({@code host}, {@code source}, {@code sourcetype}, {@code index}).
     */
    public HecResponse raw(HecRequest request) {
        HecToken token = admit(request);
        String channel = Channels.resolve(
                request.channelHeader(), request.channelQuery(), token.ack() || config.rawRequiresChannel());
        byte[] body = dataBody(request);
        String index = or(request.param("index"), token.defaultIndex());
        if (!token.allows(index)) {
            throw new HecException(HecCode.INCORRECT_INDEX);
        }
        BigDecimal now = now();
        String host = or(request.param("host"), defaultHost(request));
        String source = or(request.param("source"), config.defaultSource());
        String sourcetype = or(request.param("sourcetype"), config.defaultSourcetype());
        List<IndexedEvent> accepted = new ArrayList<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
            if (!line.isBlank()) {
                accepted.add(new IndexedEvent(
                        now, host, source, sourcetype, index, null, TextNode.valueOf(line), Endpoints.RAW, channel));
            }
        }
        return commit(request, token, channel, accepted, null);
    }

    /** {@code /services/collector/ack}: the status of ackIds on the request's channel. */
    public AckAnswer ack(HecRequest request) {
        HecToken token = admit(request);
        if (!token.ack()) {
            throw new HecException(HecCode.ACK_DISABLED);
        }
        String channel = Channels.resolve(request.channelHeader(), request.channelQuery(), true);
        byte[] body = dataBody(request);
        return new AckAnswer(acks.query(channel, AckQuery.ackIds(body)));
    }

    /** The size limit (for bodies sent without a length) and the token. */
    private HecToken admit(HecRequest request) {
        stats.received(request.body().length);
        Bodies.checkLength(request.body(), config.maxContentLength());
        return auth.authenticate(request.authorization(), request.queryToken());
    }

    private byte[] dataBody(HecRequest request) {
        byte[] body = Bodies.decode(request.body(), request.contentEncoding(), config.maxDecodedLength());
        stats.decoded(body.length);
        if (Bodies.isBlank(body)) {
            throw new HecException(HecCode.NO_DATA);
        }
        return body;
    }

    private HecResponse commit(
            HecRequest request, HecToken token, String channel, List<IndexedEvent> accepted, HecException failure) {
        if (failure != null) {
            store.add(accepted);
            throw failure;
        }
        boolean lost = faults.takeLose(request.path());
        if (lost) {
            store.lost(accepted.size());
        } else {
            store.add(accepted);
        }
        return HecResponse.success(token.ack() ? acks.register(channel, lost) : null);
    }

    /** Splunk's default host of a HEC event is the collector's address as the client named it. */
    private static String defaultHost(HecRequest request) {
        return or(request.hostHeader(), "localhost");
    }

    private static BigDecimal now() {
        return BigDecimal.valueOf(System.currentTimeMillis(), 3);
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
