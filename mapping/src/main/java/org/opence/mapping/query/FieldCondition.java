package org.opence.mapping.query;

import org.opence.mapping.field.FieldPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A test on the values at a dotted path, with MongoDB's array rules: a segment that meets an array
 * continues into each element (a digit segment indexes it instead), and a value that is an array
 * matches when the array itself or any element passes the test. Where no value exists, the test sees
 * {@link MissingNode}; the condition holds when any reached value passes.
 */
final class FieldCondition implements Condition {

    private static final JsonNode MISSING = MissingNode.getInstance();

    private final FieldPath path;
    private final ValueTest test;

    FieldCondition(FieldPath path, ValueTest test) {
        this.path = path;
        this.test = test;
    }

    @Override
    public boolean test(JsonNode document) {
        return any(document, 0);
    }

    private boolean any(JsonNode node, int segment) {
        if (segment == path.length()) {
            return leaf(node);
        }
        if (node.isObject()) {
            JsonNode child = node.get(path.segment(segment));
            return any(child == null ? MISSING : child, segment + 1);
        }
        if (node.isArray()) {
            int index = path.index(segment);
            if (index >= 0) {
                JsonNode child = node.get(index);
                return any(child == null ? MISSING : child, segment + 1);
            }
            boolean sawNonObject = node.isEmpty();
            for (JsonNode element : node) {
                if (element.isObject()) {
                    if (any(element, segment)) {
                        return true;
                    }
                } else {
                    sawNonObject = true;
                }
            }
            return sawNonObject && test.test(MISSING);
        }
        return test.test(MISSING);
    }

    private boolean leaf(JsonNode value) {
        if (test.test(value)) {
            return true;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (test.test(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
