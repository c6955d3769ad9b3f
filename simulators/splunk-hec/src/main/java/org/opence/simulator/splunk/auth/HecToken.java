package org.opence.simulator.splunk.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One HEC token as a Splunk input defines it: the default index, the indexes it may write to (or any),
 * whether indexer acknowledgement is on, and whether the token is disabled.
 */
public record HecToken(
        String value,
        String defaultIndex,
        Set<String> allowedIndexes,
        boolean anyIndex,
        boolean ack,
        boolean disabled) {

    public HecToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a token must not be blank");
        }
        if (defaultIndex == null || defaultIndex.isBlank()) {
            throw new IllegalArgumentException("token " + mask(value) + " needs a default index");
        }
        allowedIndexes = Set.copyOf(allowedIndexes);
    }

    /**
     * A token from its index list as configured: {@code main,security} (default {@code main}, those two
     * allowed), {@code main,*} (default {@code main}, any allowed), {@code *} (default {@code main}, any).
     */
    public static HecToken parse(String value, List<String> indexes, boolean ack, boolean disabled) {
        List<String> named = new ArrayList<>();
        boolean any = false;
        for (String raw : indexes) {
            String index = raw.trim();
            if (index.equals("*")) {
                any = true;
            } else if (!index.isEmpty()) {
                named.add(index);
            }
        }
        String defaultIndex = named.isEmpty() ? "main" : named.get(0);
        Set<String> allowed = new LinkedHashSet<>(named);
        allowed.add(defaultIndex);
        return new HecToken(value.trim(), defaultIndex, allowed, any, ack, disabled);
    }

    /** Whether an event may name this index (Splunk answers code 7 "Incorrect index" otherwise). */
    public boolean allows(String index) {
        return anyIndex || allowedIndexes.contains(index);
    }

    /** The token shortened, for listings and logs. */
    public String masked() {
        return mask(value);
    }

    private static String mask(String token) {
        return token == null || token.length() <= 4 ? "****" : token.substring(0, 4) + "****";
    }
}
