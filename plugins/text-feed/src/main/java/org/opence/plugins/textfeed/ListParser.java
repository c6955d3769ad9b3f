package org.opence.plugins.textfeed;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.opence.plugin.api.cte.Indicator;
import org.opence.plugin.api.cte.IndicatorType;
import org.opence.plugin.api.cte.Severity;

/** Turns the text of a feed into indicators; lines that are not indicators are counted, not guessed. */
final class ListParser {

    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);

    /** What one feed text gave. */
    record Result(List<Indicator> indicators, int skipped, String firstSkipped) {}

    private final String type;
    private final Severity severity;
    private final int reputation;

    ListParser(String type, String severity, int reputation) {
        this.type = type == null ? "auto" : type;
        this.severity = Severity.valueOf((severity == null ? "unknown" : severity).toUpperCase(Locale.ROOT));
        this.reputation = reputation;
    }

    Result parse(String text) {
        Set<String> seen = new LinkedHashSet<>();
        List<Indicator> indicators = new ArrayList<>();
        int skipped = 0;
        String firstSkipped = null;
        for (String raw : text.split("\\R")) {
            String line = raw.contains("#") ? raw.substring(0, raw.indexOf('#')) : raw;
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String value = line.split("[\\s,;]+", 2)[0];
            IndicatorType detected = detect(value);
            if (detected == null || !seen.add(detected + ":" + value.toLowerCase(Locale.ROOT))) {
                if (detected == null) {
                    skipped++;
                    firstSkipped = firstSkipped == null ? value : firstSkipped;
                }
                continue;
            }
            String normalised = detected == IndicatorType.URL ? value : value.toLowerCase(Locale.ROOT);
            indicators.add(
                    new Indicator(normalised, detected, severity, reputation, List.of(), null, null, null, null));
        }
        return new Result(indicators, skipped, firstSkipped);
    }

    private IndicatorType detect(String value) {
        IndicatorType guess = guess(value);
        if ("auto".equals(type)) {
            return guess;
        }
        IndicatorType wanted = IndicatorType.valueOf(type.toUpperCase(Locale.ROOT));
        return wanted == guess ? wanted : null;
    }

    private static IndicatorType guess(String value) {
        if (SHA256.matcher(value).matches()) {
            return IndicatorType.SHA256;
        }
        if (MD5.matcher(value).matches()) {
            return IndicatorType.MD5;
        }
        if (IPV4.matcher(value).matches()) {
            return IndicatorType.IPV4;
        }
        if (URL.matcher(value).matches()) {
            return IndicatorType.URL;
        }
        if (IPV6.matcher(value).matches()) {
            return IndicatorType.IPV6;
        }
        if (DOMAIN.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
            return IndicatorType.DOMAIN;
        }
        return null;
    }
}
