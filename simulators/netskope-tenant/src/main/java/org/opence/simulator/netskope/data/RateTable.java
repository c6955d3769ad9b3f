package org.opence.simulator.netskope.data;

import java.util.HashMap;
import java.util.Map;

/** Parses {@code events.page=5,alerts.*=0.1,*=1} and answers the most specific rate for a stream. */
public final class RateTable {

    private final Map<String, Double> rates = new HashMap<>();

    public RateTable(String spec) {
        for (String part : spec.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("rate entry '" + entry + "' is not key=records-per-second");
            }
            String key = entry.substring(0, eq).trim();
            double rate = Double.parseDouble(entry.substring(eq + 1).trim());
            if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate of '" + key + "' must be a finite number >= 0");
            }
            rates.put(key, rate);
        }
    }

    public double rate(StreamKey stream) {
        Double exact = rates.get(stream.id());
        if (exact != null) {
            return exact;
        }
        Double family = rates.get(stream.family().path() + ".*");
        if (family != null) {
            return family;
        }
        return rates.getOrDefault("*", 0.0);
    }
}
