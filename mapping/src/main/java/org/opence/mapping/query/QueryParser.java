package org.opence.mapping.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.opence.mapping.ValidationError;
import org.opence.mapping.field.FieldPath;

import com.fasterxml.jackson.databind.JsonNode;

/** Compiles the JSON of a query into {@link Condition}s, collecting every problem with its path. */
final class QueryParser {

    static final String LOGICAL = "$and, $or, $nor, $not";
    static final String FIELD_OPERATORS =
            "$eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $regex (with $options), $exists, $not, $elemMatch";
    static final int MAX_DEPTH = 64;

    private final List<ValidationError> errors = new ArrayList<>();
    private final LongAdder regexAborts;

    QueryParser(LongAdder regexAborts) {
        this.regexAborts = regexAborts;
    }

    List<ValidationError> errors() {
        return errors;
    }

    /** A query object: implicit AND of its entries. */
    Condition query(JsonNode node, String path, int depth) {
        if (!node.isObject()) {
            error(path, "must be a JSON object");
            return Condition.ALWAYS;
        }
        if (depth > MAX_DEPTH) {
            error(path, "nested more than " + MAX_DEPTH + " levels deep");
            return Condition.ALWAYS;
        }
        List<Condition> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String at = join(path, key);
            if (key.startsWith("$")) {
                parts.add(logical(key, e.getValue(), at, depth));
            } else {
                FieldPath.problem(key).ifPresent(p -> error(at, "field name " + p));
                FieldOp op = fieldValue(e.getValue(), at, depth);
                if (FieldPath.problem(key).isEmpty()) {
                    parts.add(op.onPath(FieldPath.of(key)));
                }
            }
        }
        return parts.isEmpty() ? Condition.ALWAYS : Condition.and(parts.toArray(Condition[]::new));
    }

    private Condition logical(String operator, JsonNode value, String at, int depth) {
        switch (operator) {
            case "$and", "$or", "$nor" -> {
                if (!value.isArray() || value.isEmpty()) {
                    error(at, "must be a non-empty array of queries");
                    return Condition.ALWAYS;
                }
                Condition[] parts = new Condition[value.size()];
                for (int i = 0; i < value.size(); i++) {
                    parts[i] = query(value.get(i), at + "[" + i + "]", depth + 1);
                }
                return switch (operator) {
                    case "$and" -> Condition.and(parts);
                    case "$or" -> Condition.or(parts);
                    default -> Condition.not(Condition.or(parts));
                };
            }
            case "$not" -> {
                return Condition.not(query(value, at, depth + 1));
            }
            default -> {
                error(at, "unknown operator; allowed here: " + LOGICAL + " (field names must not start with '$')");
                return Condition.ALWAYS;
            }
        }
    }

    /** What a field is compared with: an operator object, or any other value for equality. */
    private FieldOp fieldValue(JsonNode value, String at, int depth) {
        if (!isOperatorObject(value)) {
            return FieldOp.of(ValueTest.eq(value));
        }
        List<FieldOp> ops = new ArrayList<>();
        JsonNode options = value.get("$options");
        if (options != null && value.get("$regex") == null) {
            error(join(at, "$options"), "only allowed beside $regex");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String opPath = join(at, e.getKey());
            if (!e.getKey().startsWith("$")) {
                error(opPath, "cannot mix field names with operators in one object");
                continue;
            }
            FieldOp op = operator(e.getKey(), e.getValue(), options, opPath, depth);
            if (op != null) {
                ops.add(op);
            }
        }
        return ops.isEmpty() ? FieldOp.of(v -> true) : FieldOp.all(ops);
    }

    private FieldOp operator(String name, JsonNode arg, JsonNode options, String at, int depth) {
        switch (name) {
            case "$eq":
                return FieldOp.of(ValueTest.eq(arg));
            case "$ne":
                return FieldOp.not(FieldOp.of(ValueTest.eq(arg)));
            case "$gt":
                return comparison(arg, at, r -> r > 0);
            case "$gte":
                return comparison(arg, at, r -> r >= 0);
            case "$lt":
                return comparison(arg, at, r -> r < 0);
            case "$lte":
                return comparison(arg, at, r -> r <= 0);
            case "$in":
            case "$nin":
                if (!arg.isArray()) {
                    error(at, "must be an array of values");
                    return null;
                }
                List<JsonNode> values = new ArrayList<>();
                arg.forEach(values::add);
                FieldOp in = FieldOp.of(ValueTest.in(values));
                return name.equals("$in") ? in : FieldOp.not(in);
            case "$exists":
                if (!arg.isBoolean()) {
                    error(at, "must be true or false");
                    return null;
                }
                FieldOp exists = FieldOp.of(ValueTest.exists());
                return arg.booleanValue() ? exists : FieldOp.not(exists);
            case "$regex":
                ValueTest regex = Regexes.compile(arg, options, at, errors, regexAborts);
                return regex == null ? null : FieldOp.of(regex);
            case "$options":
                return null;
            case "$not":
                if (!isOperatorObject(arg)) {
                    error(at, "must be an object of operators, e.g. {\"$not\": {\"$gt\": 5}}");
                    return null;
                }
                return FieldOp.not(fieldValue(arg, at, depth + 1));
            case "$elemMatch":
                return elemMatch(arg, at, depth);
            default:
                error(at, "unknown operator; allowed: " + FIELD_OPERATORS);
                return null;
        }
    }

    private FieldOp comparison(JsonNode arg, String at, java.util.function.IntPredicate accept) {
        if (!arg.isNumber() && !arg.isTextual()) {
            error(at, "must be a number or a string");
            return null;
        }
        return FieldOp.of(ValueTest.compare(arg, accept));
    }

    private FieldOp elemMatch(JsonNode arg, String at, int depth) {
        if (!arg.isObject() || arg.isEmpty()) {
            error(at, "must be a non-empty object (operators, or a query on the elements)");
            return null;
        }
        if (isOperatorObject(arg)) {
            FieldOp onElement = fieldValue(arg, at, depth + 1);
            return FieldOp.of(ValueTest.elemMatch(onElement::onValue));
        }
        Condition onElement = query(arg, at, depth + 1);
        return FieldOp.of(ValueTest.elemMatch(e -> e.isObject() && onElement.test(e)));
    }

    private static boolean isOperatorObject(JsonNode value) {
        if (!value.isObject() || value.isEmpty()) {
            return false;
        }
        Iterator<String> names = value.fieldNames();
        while (names.hasNext()) {
            if (names.next().startsWith("$")) {
                return true;
            }
        }
        return false;
    }

    private void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
