package org.opence.mapping.query;

import java.util.List;

import org.opence.mapping.field.FieldPath;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A field-level operator, usable on a path of the record (with the array rules of
 * {@link FieldCondition}) and on a single value (inside {@code $elemMatch}). Negations ({@code $ne},
 * {@code $nin}, {@code $not}) negate the whole path condition, as in MongoDB: {@code {tags: {$ne: "x"}}}
 * holds when no element of {@code tags} is {@code "x"}, and also when {@code tags} is missing.
 */
interface FieldOp {

    Condition onPath(FieldPath path);

    boolean onValue(JsonNode value);

    static FieldOp of(ValueTest test) {
        return new FieldOp() {
            @Override
            public Condition onPath(FieldPath path) {
                return new FieldCondition(path, test);
            }

            @Override
            public boolean onValue(JsonNode value) {
                return test.test(value);
            }
        };
    }

    static FieldOp not(FieldOp inner) {
        return new FieldOp() {
            @Override
            public Condition onPath(FieldPath path) {
                return Condition.not(inner.onPath(path));
            }

            @Override
            public boolean onValue(JsonNode value) {
                return !inner.onValue(value);
            }
        };
    }

    static FieldOp all(List<FieldOp> ops) {
        FieldOp[] array = ops.toArray(FieldOp[]::new);
        if (array.length == 1) {
            return array[0];
        }
        return new FieldOp() {
            @Override
            public Condition onPath(FieldPath path) {
                Condition[] parts = new Condition[array.length];
                for (int i = 0; i < array.length; i++) {
                    parts[i] = array[i].onPath(path);
                }
                return Condition.and(parts);
            }

            @Override
            public boolean onValue(JsonNode value) {
                for (FieldOp op : array) {
                    if (!op.onValue(value)) {
                        return false;
                    }
                }
                return true;
            }
        };
    }
}
