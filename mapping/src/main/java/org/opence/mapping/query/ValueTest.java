package org.opence.mapping.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/** A test on one value; a missing value is {@code MissingNode}. */
interface ValueTest {

    boolean test(JsonNode value);

    /** {@code $eq} and implicit equality; {@code null} also matches a missing value. */
    static ValueTest eq(JsonNode constant) {
        if (constant.isNull()) {
            return v -> v.isNull() || v.isMissingNode();
        }
        return v -> !v.isMissingNode() && Values.equal(v, constant);
    }

    static ValueTest exists() {
        return v -> !v.isMissingNode();
    }

    /** {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}: {@code accept} judges the sign of the comparison. */
    static ValueTest compare(JsonNode constant, java.util.function.IntPredicate accept) {
        Values.Constant c = new Values.Constant(constant);
        return v -> {
            int r = compare(v, c);
            return r != Values.NOT_NUMERIC && accept.test(r);
        };
    }

    private static int compare(JsonNode v, Values.Constant c) {
        if (c.node.isNumber()) {
            return v.isNumber() || v.isTextual() ? Values.compareNumbers(v, c) : Values.NOT_NUMERIC;
        }
        if (v.isTextual()) {
            if (c.numeric()) {
                int r = Values.compareNumbers(v, c);
                if (r != Values.NOT_NUMERIC) {
                    return Integer.signum(r);
                }
            }
            return Integer.signum(v.textValue().compareTo(c.node.textValue()));
        }
        return v.isNumber() && c.numeric() ? Values.compareNumbers(v, c) : Values.NOT_NUMERIC;
    }

    /** {@code $in}: texts through a hash set, numbers through a set of normalised decimals. */
    static ValueTest in(List<JsonNode> constants) {
        Set<String> texts = new HashSet<>();
        Set<BigDecimal> numbers = new HashSet<>();
        Set<BigDecimal> numbersAndNumericTexts = new HashSet<>();
        List<ValueTest> others = new ArrayList<>();
        for (JsonNode c : constants) {
            BigDecimal d = Values.decimal(c);
            if (c.isTextual()) {
                texts.add(c.textValue());
                if (d != null) {
                    numbersAndNumericTexts.add(normal(d));
                }
            } else if (c.isNumber() && d != null) {
                numbers.add(normal(d));
                numbersAndNumericTexts.add(normal(d));
            } else {
                others.add(eq(c));
            }
        }
        return v -> {
            if (v.isTextual()) {
                if (texts.contains(v.textValue())) {
                    return true;
                }
                if (!numbers.isEmpty()) {
                    BigDecimal d = Values.decimal(v);
                    if (d != null && numbers.contains(normal(d))) {
                        return true;
                    }
                }
            } else if (v.isNumber()) {
                BigDecimal d = Values.decimal(v);
                if (d != null && numbersAndNumericTexts.contains(normal(d))) {
                    return true;
                }
            }
            for (ValueTest other : others) {
                if (other.test(v)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static BigDecimal normal(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /** {@code $regex}: a search (not anchored) in text values, at most {@code budget} character reads. */
    static ValueTest regex(Pattern pattern, long baseBudget, long perCharBudget, long maxBudget, LongAdder aborted) {
        return v -> {
            if (!v.isTextual()) {
                return false;
            }
            String s = v.textValue();
            long budget = Math.min(maxBudget, baseBudget + perCharBudget * s.length());
            try {
                return pattern.matcher(new BoundedText(s, budget)).find();
            } catch (BoundedText.BudgetExceeded e) {
                aborted.increment();
                return false;
            }
        };
    }

    /** {@code $elemMatch}: the value is an array and one element passes {@code element}. */
    static ValueTest elemMatch(Condition element) {
        return v -> {
            if (!v.isArray()) {
                return false;
            }
            for (JsonNode e : v) {
                if (element.test(e)) {
                    return true;
                }
            }
            return false;
        };
    }

    static ValueTest all(List<ValueTest> tests) {
        ValueTest[] array = tests.toArray(ValueTest[]::new);
        return v -> {
            for (ValueTest t : array) {
                if (!t.test(v)) {
                    return false;
                }
            }
            return true;
        };
    }
}
