package org.opence.simulator.splunk.auth;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.opence.simulator.splunk.config.SimulatorConfig;

/** The collector's tokens, from {@code splunk-sim.tokens}, {@code ack-tokens} and {@code disabled-tokens}. */
@ApplicationScoped
public class TokenRegistry {

    private final Map<String, HecToken> tokens = new ConcurrentHashMap<>();

    @Inject
    public TokenRegistry(SimulatorConfig config) {
        this(
                config.tokens(),
                config.ackTokens().orElse(""),
                config.disabledTokens().orElse(""));
    }

    TokenRegistry(String tokenSpec, String ackTokens, String disabledTokens) {
        Set<String> ack = commaSeparated(ackTokens);
        Set<String> disabled = commaSeparated(disabledTokens);
        for (String entry : tokenSpec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("token entry '" + entry.trim() + "' is not token=index,index");
            }
            String token = entry.substring(0, eq).trim();
            List<String> indexes = Arrays.asList(entry.substring(eq + 1).split(","));
            put(HecToken.parse(token, indexes, ack.contains(token), disabled.contains(token)));
        }
        for (String token : ack) {
            requireKnown(token, "splunk-sim.ack-tokens");
        }
        for (String token : disabled) {
            requireKnown(token, "splunk-sim.disabled-tokens");
        }
    }

    public void put(HecToken token) {
        tokens.put(token.value(), token);
    }

    /** The token, or {@code null} when the collector does not know it. */
    public HecToken find(String token) {
        return token == null ? null : tokens.get(token);
    }

    /** Tokens (shortened) with their indexes and switches. */
    public Map<String, Object> describe() {
        return tokens.values().stream()
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .collect(Collectors.toMap(HecToken::masked, TokenRegistry::describe, (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, Object> describe(HecToken t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("defaultIndex", t.defaultIndex());
        out.put(
                "indexes",
                t.anyIndex()
                        ? List.of("*")
                        : t.allowedIndexes().stream().sorted().toList());
        out.put("ack", t.ack());
        out.put("disabled", t.disabled());
        return out;
    }

    private void requireKnown(String token, String key) {
        if (!tokens.containsKey(token)) {
            throw new IllegalArgumentException(key + " names a token that splunk-sim.tokens does not define");
        }
    }

    private static Set<String> commaSeparated(String value) {
        return Arrays.stream(value == null ? new String[0] : value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
