package org.opence.mapping.format;

/** UTF-8 sizes of text, without encoding it. */
public final class Utf8 {

    private Utf8() {}

    /** How many bytes UTF-8 needs for {@code text} from {@code start}; a lone surrogate counts 3 (as replaced). */
    public static int length(CharSequence text, int start) {
        int bytes = 0;
        int n = text.length();
        for (int i = start; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
