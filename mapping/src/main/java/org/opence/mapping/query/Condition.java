package org.opence.mapping.query;

import com.fasterxml.jackson.databind.JsonNode;

/** A compiled part of a query, tested against a whole record (or an array element for $elemMatch). */
interface Condition {

    boolean test(JsonNode document);

    Condition ALWAYS = document -> true;

    static Condition and(Condition[] parts) {
        return parts.length == 1
                ? parts[0]
                : document -> {
                    for (Condition part : parts) {
                        if (!part.test(document)) {
                            return false;
                        }
                    }
                    return true;
                };
    }

    static Condition or(Condition[] parts) {
        return document -> {
            for (Condition part : parts) {
                if (part.test(document)) {
                    return true;
                }
            }
            return false;
        };
    }

    static Condition not(Condition inner) {
        return document -> !inner.test(document);
    }
}
