package org.opence.mapping.query;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.opence.mapping.ValidationError;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A Mongo-style filter of business rules ({@code {"alert_type": "Malware", "severity": {"$in":
 * ["high", "critical"]}}}), compiled once and tested against records held as Jackson trees. Thread-safe.
 *
 * <p>Records are {@link JsonNode}s because that is how batches arrive from the bus; a
 * {@code Map<String, Object>} becomes one with {@code ObjectMapper.valueToTree}. The language is
 * described in the module's README: logical {@code $and $or $nor $not}, field operators {@code $eq $ne
 * $gt $gte $lt $lte $in $nin $regex $options $exists $not $elemMatch}, implicit equality and AND, dotted
 * paths, MongoDB's array rules, exact number comparison across JSON numbers and numeric texts.
 */
public final class Query {

    /** Decimal literals are read as BigDecimal, so {@code 9007199254740995.0} stays exact. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final JsonNode source;
    private final Condition condition;
    private final LongAdder regexAborts;

    private Query(JsonNode source, Condition condition, LongAdder regexAborts) {
        this.source = source;
        this.condition = condition;
        this.regexAborts = regexAborts;
    }

    /**
     * @throws QueryException naming every problem and its path
     */
    public static Query parse(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException p
                    ? p.getOriginalMessage()
                    : e.getMessage();
            throw new QueryException(List.of(new ValidationError("", "not valid JSON: " + message)));
        }
        return parse(tree);
    }

    /**
     * @throws QueryException naming every problem and its path
     */
    public static Query parse(JsonNode json) {
        LongAdder aborts = new LongAdder();
        QueryParser parser = new QueryParser(aborts);
        if (json == null || json.isMissingNode()) {
            throw new QueryException(List.of(new ValidationError("", "a query must be a JSON object")));
        }
        Condition condition = parser.query(json, "", 0);
        if (!parser.errors().isEmpty()) {
            throw new QueryException(parser.errors());
        }
        return new Query(json.deepCopy(), condition, aborts);
    }

    /** The query {@code {}}: every record matches. */
    public static Query matchAll() {
        return new Query(JsonNodeFactory.instance.objectNode(), Condition.ALWAYS, new LongAdder());
    }

    public boolean matches(JsonNode record) {
        return condition.test(record);
    }

    /** The query as it was given. */
    public JsonNode source() {
        return source.deepCopy();
    }

    /** How many regular-expression matches were stopped by the step budget (and counted as no match). */
    public long regexAborts() {
        return regexAborts.sum();
    }

    @Override
    public String toString() {
        return source.toString();
    }
}
