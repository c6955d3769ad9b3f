package org.opence.plugin.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code MAJOR.MINOR.PATCH} version (an optional {@code -suffix} such as {@code -SNAPSHOT} sorts
 * before the plain release), as plugins and the platform use them.
 */
public record SemanticVersion(int major, int minor, int patch, String suffix) implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?");

    /** Parses {@code text}; the error names {@code field}. */
    public static SemanticVersion parse(String text, String field) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(field + " '" + text + "' must be a version like 1.4.2");
        }
        return new SemanticVersion(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), m.group(4));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, other.patch);
        }
        if (c == 0) {
            if (suffix == null || other.suffix == null) {
                c = suffix == null ? (other.suffix == null ? 0 : 1) : -1;
            } else {
                c = suffix.compareTo(other.suffix);
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (suffix == null ? "" : "-" + suffix);
    }
}
