package org.opence.mapping.query;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.opence.mapping.ValidationError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code $regex} patterns, compiled once with Java's engine. Two guards keep a rule from stalling the
 * pipeline: patterns longer than {@value #MAX_PATTERN_LENGTH} characters are refused, and each match
 * may read at most {@value #BASE_BUDGET} + {@value #PER_CHAR_BUDGET} × (text length) characters (never
 * more than {@value #MAX_BUDGET}); a match that would read more counts as no match and is counted
 * ({@link Query#regexAborts()}).
 */
final class Regexes {

    static final int MAX_PATTERN_LENGTH = 1000;
    static final long BASE_BUDGET = 100_000;
    static final long PER_CHAR_BUDGET = 100;
    static final long MAX_BUDGET = 50_000_000;

    private Regexes() {}

    /** The test for {@code $regex: pattern} with {@code $options}, or null after recording errors. */
    static ValueTest compile(
            JsonNode pattern, JsonNode options, String at, List<ValidationError> errors, LongAdder aborts) {
        if (!pattern.isTextual()) {
            errors.add(new ValidationError(at, "must be a string"));
            return null;
        }
        String text = pattern.textValue();
        if (text.length() > MAX_PATTERN_LENGTH) {
            errors.add(new ValidationError(at, "pattern longer than " + MAX_PATTERN_LENGTH + " characters"));
            return null;
        }
        int flags = 0;
        if (options != null) {
            String optionsPath = at.substring(0, at.length() - "$regex".length()) + "$options";
            if (!options.isTextual()) {
                errors.add(new ValidationError(optionsPath, "must be a string of the letters i, m, s, x"));
                return null;
            }
            for (char c : options.textValue().toCharArray()) {
                switch (c) {
                    case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    case 'm' -> flags |= Pattern.MULTILINE;
                    case 's' -> flags |= Pattern.DOTALL;
                    case 'x' -> flags |= Pattern.COMMENTS;
                    default -> {
                        errors.add(new ValidationError(optionsPath, "unknown option '" + c + "'; allowed: i, m, s, x"));
                        return null;
                    }
                }
            }
        }
        try {
            Pattern compiled = Pattern.compile(text, flags);
            return ValueTest.regex(compiled, BASE_BUDGET, PER_CHAR_BUDGET, MAX_BUDGET, aborts);
        } catch (PatternSyntaxException e) {
            errors.add(new ValidationError(
                    at, "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex()));
            return null;
        }
    }
}
