package org.opence.mapping.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

import org.opence.mapping.field.NumberText;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the query compares values. Numbers compare exactly (never through a double for integers): a JSON
 * number and a text holding a decimal number compare as numbers, in either direction, so
 * {@code 9007199254740993} matches {@code "9007199254740993"} and not {@code 9007199254740992}. Two
 * texts are equal only when they are the same text; they are ordered as numbers when both are numbers,
 * otherwise by their UTF-16 code units. Booleans equal booleans; arrays and objects are equal when
 * their elements are, under these rules.
 */
final class Values {

    /** Returned by {@link #compareNumbers} when a value is not numeric. */
    static final int NOT_NUMERIC = Integer.MIN_VALUE;

    private Values() {}

    /** A number or numeric text as an exact value, or null. */
    static BigDecimal decimal(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? BigDecimal.valueOf(v.longValue()) : new BigDecimal(v.bigIntegerValue());
        }
        if (v.isBigDecimal()) {
            return v.decimalValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (v.isTextual()) {
            return NumberText.decimal(v.textValue().strip());
        }
        return null;
    }

    /** The value as a long when it is an integer that fits one (the fast path), else null. */
    static Long exactLong(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            String s = v.textValue();
            int len = s.length();
            if (len == 0 || len > 18) {
                return null;
            }
            int i = s.charAt(0) == '-' ? 1 : 0;
            if (i == len) {
                return null;
            }
            long n = 0;
            for (; i < len; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                n = n * 10 + (c - '0');
            }
            return s.charAt(0) == '-' ? -n : n;
        }
        return null;
    }

    /** Compares a value with a numeric constant; {@link #NOT_NUMERIC} when the value is not a number. */
    static int compareNumbers(JsonNode v, Constant c) {
        if (c.exactLong != null) {
            Long l = exactLong(v);
            if (l != null) {
                return Long.compare(l, c.exactLong);
            }
        }
        BigDecimal d = decimal(v);
        return d == null ? NOT_NUMERIC : d.compareTo(c.decimal);
    }

    /** Equality as described in the class comment; {@code constant} is a query value. */
    static boolean equal(JsonNode v, JsonNode constant) {
        if (constant.isNumber() || v.isNumber()) {
            if (!(constant.isNumber() || constant.isTextual()) || !(v.isNumber() || v.isTextual())) {
                return false;
            }
            BigDecimal a = decimal(v);
            BigDecimal b = decimal(constant);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        if (constant.isTextual()) {
            return v.isTextual() && v.textValue().equals(constant.textValue());
        }
        if (constant.isBoolean()) {
            return v.isBoolean() && v.booleanValue() == constant.booleanValue();
        }
        if (constant.isNull()) {
            return v.isNull();
        }
        if (constant.isArray()) {
            return v.isArray() && v.size() == constant.size() && elementsEqual(v, constant);
        }
        if (constant.isObject()) {
            return v.isObject() && v.size() == constant.size() && fieldsEqual(v, constant);
        }
        return false;
    }

    private static boolean elementsEqual(JsonNode a, JsonNode b) {
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean fieldsEqual(JsonNode a, JsonNode b) {
        for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode other = a.get(e.getKey());
            if (other == null || !equal(other, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A query constant with its numeric form worked out once. */
    static final class Constant {
        final JsonNode node;
        final BigDecimal decimal;
        final Long exactLong;

        Constant(JsonNode node) {
            this.node = node;
            this.decimal = decimal(node);
            Long l = exactLong(node);
            this.exactLong = l != null ? l : fitsLong(decimal);
        }

        boolean numeric() {
            return decimal != null;
        }

        private static Long fitsLong(BigDecimal d) {
            if (d == null
                    || d.precision() - d.scale() > 20
                    || d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                return null;
            }
            BigInteger i = d.toBigInteger();
            return i.bitLength() < 64 ? i.longValue() : null;
        }
    }
}
