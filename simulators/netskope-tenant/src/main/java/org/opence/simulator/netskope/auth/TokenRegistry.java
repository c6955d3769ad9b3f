package org.opence.simulator.netskope.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import jakarta.enterprise.context.ApplicationScoped;

import org.opence.simulator.netskope.config.SimulatorConfig;

/** The tenant's API tokens: v2 tokens with scopes, and v1 tokens (tenant-wide, no scopes). */
@ApplicationScoped
public class TokenRegistry {

    private final Map<String, List<Scope>> v2 = new ConcurrentHashMap<>();
    private final Set<String> v1 = ConcurrentHashMap.newKeySet();

    public TokenRegistry(SimulatorConfig config) {
        for (String entry : config.tokens().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("token entry '" + entry + "' is not token=scope,scope");
            }
            putV2(
                    entry.substring(0, eq).trim(),
                    Arrays.asList(entry.substring(eq + 1).split(",")));
        }
        Arrays.stream(config.v1Tokens().split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(v1::add);
    }

    public void putV2(String token, List<String> scopes) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a token must not be blank");
        }
        v2.put(
                token,
                scopes.stream().filter(s -> !s.isBlank()).map(Scope::parse).toList());
    }

    public void addV1(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a token must not be blank");
        }
        v1.add(token);
    }

    public boolean removeV2(String token) {
        return v2.remove(token) != null;
    }

    /** Scopes of a v2 token, or {@code null} when the token is unknown. */
    public List<Scope> scopes(String token) {
        return token == null ? null : v2.get(token);
    }

    public boolean isV1(String token) {
        return token != null && v1.contains(token);
    }

    /** Tokens and their scopes, tokens shortened so the listing does not leak them whole. */
    public Map<String, List<String>> describe() {
        return v2.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> mask(e.getKey()),
                        e -> e.getValue().stream().map(Scope::toString).toList(),
                        (a, b) -> a));
    }

    private static String mask(String token) {
        return token.length() <= 4 ? "****" : token.substring(0, 4) + "****";
    }
}
