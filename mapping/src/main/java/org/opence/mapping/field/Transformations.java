package org.opence.mapping.field;

import java.math.BigDecimal;

import org.opence.mapping.Transformation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a record value into the text written for it. Each method returns null when the value cannot be
 * converted (the caller counts that as a conversion problem and falls back to the default).
 *
 * <ul>
 *   <li>{@code String}: text as is; numbers exactly as they are held (a 64-bit integer keeps every
 *       digit); booleans {@code true}/{@code false}; an array of scalars joined with {@code ,}; any other
 *       array or object as compact JSON.
 *   <li>{@code Integer}: an integral JSON number, or text {@code [+-]digits} (an all-zero fraction such as
 *       {@code 12.0} is allowed), within 64 bits signed or unsigned; never read through a double.
 *   <li>{@code Floating Point}: a JSON number or decimal text, written as Java writes a double.
 *   <li>{@code IP Address} / {@code MAC Address}: text, see {@link IpAddresses} and {@link MacAddresses}.
 * </ul>
 */
public final class Transformations {

    private Transformations() {}

    /** {@code value} converted by {@code t}, or null when it cannot be. */
    public static String apply(Transformation t, JsonNode value) {
        return switch (t) {
            case STRING -> text(value);
            case INTEGER -> integer(value);
            case FLOATING_POINT -> floatingPoint(value);
            case IP_ADDRESS -> value.isTextual() ? IpAddresses.canonical(value.textValue()) : null;
            case MAC_ADDRESS -> value.isTextual() ? MacAddresses.canonical(value.textValue()) : null;
        };
    }

    /** The text of a value as described for {@code String}; never null. */
    public static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isArray()) {
            return joinedScalars(value);
        }
        if (value.isObject()) {
            return value.toString();
        }
        return value.asText();
    }

    public static String integer(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.asText() : NumberText.canonicalInteger(value.asText());
        }
        if (value.isBigDecimal()) {
            BigDecimal d = value.decimalValue().stripTrailingZeros();
            return d.scale() > 0 || d.precision() - d.scale() > 21
                    ? null
                    : NumberText.canonicalInteger(d.toBigIntegerExact().toString());
        }
        if (value.isFloatingPointNumber()) {
            double d = value.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) >= 0x1p64) {
                return null;
            }
            return NumberText.canonicalInteger(new BigDecimal(d).toBigInteger().toString());
        }
        if (value.isTextual()) {
            return NumberText.canonicalInteger(value.textValue().strip());
        }
        return null;
    }

    public static String floatingPoint(JsonNode value) {
        double d;
        if (value.isNumber()) {
            d = value.doubleValue();
        } else if (value.isTextual() && NumberText.isDecimal(value.textValue().strip())) {
            d = Double.parseDouble(value.textValue().strip());
        } else {
            return null;
        }
        return Double.isFinite(d) ? Double.toString(d) : null;
    }

    private static String joinedScalars(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode element : array) {
            if (element.isContainerNode()) {
                return array.toString();
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(element.isNull() ? "" : element.asText());
        }
        return sb.toString();
    }
}
