package org.opence.mapping.query;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opence.mapping.ValidationError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNode ALERT = json("""
            {"alert_type": "Malware", "severity": "high", "user": "Ann@Example.com", "cci": 81, "ratio": 0.25,
             "transaction_id": 9007199254740993, "incident_id": "9007199254740995", "score": "42",
             "tags": ["finance", "vip"], "ports": [22, 443], "blocked": true, "note": null,
             "user_info": {"name": "ann", "groups": [{"name": "admins", "level": 3}, {"name": "staff", "level": 1}]},
             "matrix": [[1, 2], [3, 4]]}
            """);

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean matches(String query) {
        return Query.parse(query).matches(ALERT);
    }

    private static List<String> errorsOf(String query) {
        QueryException e = catchThrowableOfType(QueryException.class, () -> Query.parse(query));
        assertThat(e).as("expected %s to be rejected", query).isNotNull();
        return e.errors().stream().map(ValidationError::toString).toList();
    }

    @Test
    void shouldMatchImplicitEqualityAndImplicitAnd() {
        assertThat(matches("{\"alert_type\": \"Malware\"}")).isTrue();
        assertThat(matches("{\"alert_type\": \"malware\"}")).isFalse();
        assertThat(matches("{\"alert_type\": \"Malware\", \"severity\": \"high\"}"))
                .isTrue();
        assertThat(matches("{\"alert_type\": \"Malware\", \"severity\": \"low\"}"))
                .isFalse();
        assertThat(matches("{}")).isTrue();
        assertThat(Query.matchAll().matches(ALERT)).isTrue();
    }

    @Test
    void shouldCompareNumbersExactlyAcrossNumbersAndNumericTexts() {
        assertThat(matches("{\"transaction_id\": 9007199254740993}")).isTrue();
        assertThat(matches("{\"transaction_id\": 9007199254740992}")).isFalse();
        assertThat(matches("{\"transaction_id\": \"9007199254740993\"}")).isTrue();
        assertThat(matches("{\"incident_id\": 9007199254740995}")).isTrue();
        assertThat(matches("{\"incident_id\": 9007199254740994}")).isFalse();
        assertThat(matches("{\"cci\": 81.0}")).isTrue();
        assertThat(matches("{\"cci\": \"81\"}")).isTrue();
        assertThat(matches("{\"score\": 42}")).isTrue();
        assertThat(matches("{\"score\": \"42.0\"}"))
                .as("two texts are equal only as texts")
                .isFalse();
        assertThat(matches("{\"ratio\": 0.25}")).isTrue();
        assertThat(matches("{\"ratio\": \"0.25\"}")).isTrue();
    }

    @Test
    void shouldApplyEqAndNe() {
        assertThat(matches("{\"severity\": {\"$eq\": \"high\"}}")).isTrue();
        assertThat(matches("{\"severity\": {\"$ne\": \"high\"}}")).isFalse();
        assertThat(matches("{\"severity\": {\"$ne\": \"low\"}}")).isTrue();
        assertThat(matches("{\"missing\": {\"$ne\": \"low\"}}"))
                .as("a missing field is not equal")
                .isTrue();
        assertThat(matches("{\"blocked\": {\"$eq\": true}}")).isTrue();
        assertThat(matches("{\"blocked\": \"true\"}")).isFalse();
    }

    @Test
    void shouldOrderNumbersTextsAndNumericTexts() {
        assertThat(matches("{\"cci\": {\"$gt\": 80}}")).isTrue();
        assertThat(matches("{\"cci\": {\"$gt\": 81}}")).isFalse();
        assertThat(matches("{\"cci\": {\"$gte\": 81}}")).isTrue();
        assertThat(matches("{\"cci\": {\"$lt\": 81.5}}")).isTrue();
        assertThat(matches("{\"cci\": {\"$lte\": 80.99}}")).isFalse();
        assertThat(matches("{\"transaction_id\": {\"$gt\": 9007199254740992}}")).isTrue();
        assertThat(matches("{\"transaction_id\": {\"$gt\": 9007199254740993}}")).isFalse();
        assertThat(matches("{\"transaction_id\": {\"$lt\": \"9007199254740994\"}}"))
                .isTrue();
        assertThat(matches("{\"incident_id\": {\"$gte\": 9007199254740995, \"$lte\": 9007199254740995}}"))
                .isTrue();
        assertThat(matches("{\"score\": {\"$gt\": \"9\"}}"))
                .as("numeric texts compare as numbers")
                .isTrue();
        assertThat(matches("{\"score\": {\"$gt\": 100}}")).isFalse();
        assertThat(matches("{\"severity\": {\"$gt\": \"critical\"}}"))
                .as("texts compare as texts")
                .isTrue();
        assertThat(matches("{\"severity\": {\"$lt\": \"critical\"}}")).isFalse();
        assertThat(matches("{\"severity\": {\"$gt\": 5}}"))
                .as("a text that is no number never orders against a number")
                .isFalse();
        assertThat(matches("{\"blocked\": {\"$gt\": 0}}")).isFalse();
        assertThat(matches("{\"missing\": {\"$lt\": 100}}")).isFalse();
        assertThat(matches("{\"ratio\": {\"$gt\": 0.1, \"$lt\": \"0.3\"}}")).isTrue();
    }

    @Test
    void shouldApplyInAndNinAcrossTypes() {
        assertThat(matches("{\"severity\": {\"$in\": [\"critical\", \"high\"]}}"))
                .isTrue();
        assertThat(matches("{\"severity\": {\"$in\": [\"critical\", \"low\"]}}"))
                .isFalse();
        assertThat(matches("{\"cci\": {\"$in\": [\"81\", 90]}}")).isTrue();
        assertThat(matches("{\"transaction_id\": {\"$in\": [9007199254740992, \"9007199254740993\"]}}"))
                .isTrue();
        assertThat(matches("{\"incident_id\": {\"$in\": [9007199254740995.0]}}"))
                .isTrue();
        assertThat(matches("{\"score\": {\"$in\": [\"42.0\"]}}")).isFalse();
        assertThat(matches("{\"missing\": {\"$in\": [null, \"x\"]}}")).isTrue();
        assertThat(matches("{\"blocked\": {\"$in\": [true]}}")).isTrue();
        assertThat(matches("{\"severity\": {\"$nin\": [\"critical\", \"high\"]}}"))
                .isFalse();
        assertThat(matches("{\"severity\": {\"$nin\": [\"low\"]}}")).isTrue();
        assertThat(matches("{\"missing\": {\"$nin\": [\"low\"]}}")).isTrue();
        assertThat(matches("{\"severity\": {\"$in\": []}}")).isFalse();
    }

    @Test
    void shouldSearchWithRegexesAndOptions() {
        assertThat(matches("{\"user\": {\"$regex\": \"@example\\\\.com$\"}}")).isFalse();
        assertThat(matches("{\"user\": {\"$regex\": \"@example\\\\.com$\", \"$options\": \"i\"}}"))
                .isTrue();
        assertThat(matches("{\"user\": {\"$regex\": \"nn@\"}}"))
                .as("not anchored")
                .isTrue();
        assertThat(matches("{\"cci\": {\"$regex\": \"81\"}}")).as("only texts").isFalse();
        assertThat(matches("{\"tags\": {\"$regex\": \"^vi\"}}")).isTrue();
        assertThat(matches("{\"missing\": {\"$regex\": \".*\"}}")).isFalse();
    }

    @Test
    void shouldStopCatastrophicRegexesAndCountThem() {
        // Given a pattern JDK 17 still backtracks on exponentially (the back reference defeats its memo):
        // unguarded, 30 characters take about a minute
        Query query = Query.parse("{\"text\": {\"$regex\": \"^((a+)+)\\\\2$\"}}");
        JsonNode hostile = json("{\"text\": \"" + "a".repeat(30) + "!\"}");

        long started = System.nanoTime();
        boolean result = query.matches(hostile);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result).isFalse();
        assertThat(query.regexAborts()).isEqualTo(1);
        assertThat(millis).isLessThan(5_000);
        assertThat(query.matches(json("{\"text\": \"aaaa\"}"))).isTrue();
        assertThat(query.regexAborts()).isEqualTo(1);
    }

    @Test
    void shouldTestExistence() {
        assertThat(matches("{\"note\": {\"$exists\": true}}")).as("null exists").isTrue();
        assertThat(matches("{\"missing\": {\"$exists\": true}}")).isFalse();
        assertThat(matches("{\"missing\": {\"$exists\": false}}")).isTrue();
        assertThat(matches("{\"user_info.name\": {\"$exists\": true}}")).isTrue();
        assertThat(matches("{\"user_info.groups.level\": {\"$exists\": true}}")).isTrue();
        assertThat(matches("{\"user_info.groups.colour\": {\"$exists\": false}}"))
                .isTrue();
    }

    @Test
    void shouldTreatNullAsMissingOrNull() {
        assertThat(matches("{\"note\": null}")).isTrue();
        assertThat(matches("{\"missing\": null}")).isTrue();
        assertThat(matches("{\"severity\": null}")).isFalse();
        assertThat(matches("{\"note\": {\"$ne\": null}}")).isFalse();
    }

    @Test
    void shouldCombineWithLogicalOperators() {
        assertThat(matches("{\"$and\": [{\"alert_type\": \"Malware\"}, {\"cci\": {\"$gt\": 50}}]}"))
                .isTrue();
        assertThat(matches("{\"$and\": [{\"alert_type\": \"Malware\"}, {\"cci\": {\"$gt\": 90}}]}"))
                .isFalse();
        assertThat(matches("{\"$or\": [{\"alert_type\": \"DLP\"}, {\"severity\": \"high\"}]}"))
                .isTrue();
        assertThat(matches("{\"$or\": [{\"alert_type\": \"DLP\"}, {\"severity\": \"low\"}]}"))
                .isFalse();
        assertThat(matches("{\"$nor\": [{\"alert_type\": \"DLP\"}, {\"severity\": \"low\"}]}"))
                .isTrue();
        assertThat(matches("{\"$nor\": [{\"alert_type\": \"DLP\"}, {\"severity\": \"high\"}]}"))
                .isFalse();
        assertThat(matches("{\"$not\": {\"alert_type\": \"DLP\"}}")).isTrue();
        assertThat(matches("{\"cci\": {\"$not\": {\"$gt\": 50}}}")).isFalse();
        assertThat(matches("{\"missing\": {\"$not\": {\"$gt\": 50}}}")).isTrue();
        assertThat(matches("{\"$or\": [{\"$and\": [{\"a\": 1}, {\"b\": 2}]}, {\"$and\": [{\"alert_type\": \"Malware\"},"
                        + " {\"$nor\": [{\"blocked\": false}]}]}], \"severity\": {\"$in\": [\"high\"]}}"))
                .isTrue();
    }

    @Test
    void shouldMatchArraysAsMongoDbDoes() {
        assertThat(matches("{\"tags\": \"vip\"}")).as("any element").isTrue();
        assertThat(matches("{\"tags\": [\"finance\", \"vip\"]}"))
                .as("whole array")
                .isTrue();
        assertThat(matches("{\"tags\": [\"vip\", \"finance\"]}"))
                .as("order matters")
                .isFalse();
        assertThat(matches("{\"tags\": {\"$ne\": \"vip\"}}"))
                .as("no element may equal")
                .isFalse();
        assertThat(matches("{\"tags\": {\"$nin\": [\"ops\"]}}")).isTrue();
        assertThat(matches("{\"ports\": {\"$gt\": 400}}")).isTrue();
        assertThat(matches("{\"ports\": {\"$gt\": 500}}")).isFalse();
        assertThat(matches("{\"tags.1\": \"vip\"}")).as("index").isTrue();
        assertThat(matches("{\"tags.0\": \"vip\"}")).isFalse();
        assertThat(matches("{\"user_info.groups.name\": \"staff\"}"))
                .as("through an array of objects")
                .isTrue();
        assertThat(matches("{\"user_info.groups.0.name\": \"staff\"}")).isFalse();
        assertThat(matches("{\"user_info.groups.level\": {\"$gte\": 3}}")).isTrue();
        assertThat(matches("{\"matrix\": [3, 4]}")).isTrue();
    }

    @Test
    void shouldMatchElementsWithElemMatch() {
        assertThat(matches("{\"user_info.groups\": {\"$elemMatch\": {\"name\": \"staff\", \"level\": {\"$gte\": 3}}}}"))
                .as("both conditions on one element")
                .isFalse();
        assertThat(matches(
                        "{\"user_info.groups\": {\"$elemMatch\": {\"name\": \"admins\", \"level\": {\"$gte\": 3}}}}"))
                .isTrue();
        assertThat(matches("{\"ports\": {\"$elemMatch\": {\"$gt\": 20, \"$lt\": 30}}}"))
                .isTrue();
        assertThat(matches("{\"ports\": {\"$elemMatch\": {\"$gt\": 30, \"$lt\": 40}}}"))
                .isFalse();
        assertThat(matches("{\"ports\": {\"$gt\": 30, \"$lt\": 40}}"))
                .as("without $elemMatch: any element each")
                .isTrue();
        assertThat(matches("{\"severity\": {\"$elemMatch\": {\"$eq\": \"high\"}}}"))
                .isFalse();
    }

    @Test
    void shouldEvaluateMapRecordsConvertedToTrees() {
        Query query = Query.parse("{\"user.name\": \"ann\", \"id\": 9007199254740993}");
        Map<String, Object> record = Map.of("user", Map.of("name", "ann"), "id", 9007199254740993L);

        assertThat(query.matches(JSON.valueToTree(record))).isTrue();
    }

    @Test
    void shouldNameThePathAndTheProblemOfAnUnknownOperator() {
        assertThat(errorsOf("{\"$and\": [{\"a\": 1}, {\"severity\": {\"$gtx\": 3}}]}"))
                .containsExactly(
                        "$and[1].severity.$gtx: unknown operator; allowed: $eq, $ne, $gt, $gte, $lt, $lte, $in,"
                                + " $nin, $regex (with $options), $exists, $not, $elemMatch");
        assertThat(errorsOf("{\"$where\": \"sleep(1)\"}"))
                .containsExactly("$where: unknown operator; allowed here: $and, $or, $nor, $not (field names must not"
                        + " start with '$')");
    }

    @Test
    void shouldReportEveryProblemOfAnInvalidQuery() {
        String query = """
                {"$or": {"a": 1},
                 "$and": [],
                 "$nor": [1],
                 "x": {"$in": "high", "$exists": "yes", "$gt": {"a": 1}},
                 "y": {"$gt": 1, "plain": 2},
                 "z": {"$options": "i"},
                 "w": {"$regex": "(unclosed"},
                 "v": {"$regex": "a", "$options": "q"},
                 "u": {"$regex": 5},
                 "t": {"$not": 5},
                 "s": {"$elemMatch": []},
                 "a..b": 1}
                """;

        assertThat(errorsOf(query))
                .containsExactly(
                        "$or: must be a non-empty array of queries",
                        "$and: must be a non-empty array of queries",
                        "$nor[0]: must be a JSON object",
                        "x.$in: must be an array of values",
                        "x.$exists: must be true or false",
                        "x.$gt: must be a number or a string",
                        "y.plain: cannot mix field names with operators in one object",
                        "z.$options: only allowed beside $regex",
                        "w.$regex: not a valid regular expression: Unclosed group near index 9",
                        "v.$options: unknown option 'q'; allowed: i, m, s, x",
                        "u.$regex: must be a string",
                        "t.$not: must be an object of operators, e.g. {\"$not\": {\"$gt\": 5}}",
                        "s.$elemMatch: must be a non-empty object (operators, or a query on the elements)",
                        "a..b: field name must not have an empty segment (leading, trailing or doubled '.')");
    }

    @Test
    void shouldRejectLongPatternsDeepNestingAndNonObjects() {
        assertThat(errorsOf("{\"a\": {\"$regex\": \"" + "a".repeat(1001) + "\"}}"))
                .containsExactly("a.$regex: pattern longer than 1000 characters");
        assertThat(errorsOf("[1]")).containsExactly("must be a JSON object");
        assertThat(errorsOf("{\"a\": ")).singleElement().asString().startsWith("not valid JSON:");
        assertThat(errorsOf("{\"a\": 1, \"a\": 2}")).singleElement().asString().contains("Duplicate field 'a'");
        String deep = "{\"$not\": ".repeat(70) + "{}" + "}".repeat(70);
        assertThat(errorsOf(deep)).singleElement().asString().endsWith("nested more than 64 levels deep");
    }

    @Test
    void shouldKeepTheSourceOfTheQuery() {
        Query query = Query.parse("{\"severity\": {\"$in\": [\"high\"]}}");

        assertThat(query.source()).isEqualTo(json("{\"severity\": {\"$in\": [\"high\"]}}"));
        assertThat(query).hasToString("{\"severity\":{\"$in\":[\"high\"]}}");
    }
}
