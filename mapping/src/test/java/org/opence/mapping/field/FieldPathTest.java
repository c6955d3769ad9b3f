package org.opence.mapping.field;

import org.junit.jupiter.api.Test;
import org.opence.mapping.FieldSpec;
import org.opence.mapping.Transformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    private static final JsonNode RECORD;

    static {
        try {
            RECORD = new ObjectMapper()
                    .readTree("{\"user\":{\"name\":\"ann\",\"0\":\"zero\"},\"a\":{\"b\":[{\"c\":1},{\"c\":2}]},"
                            + "\"list\":[\"x\",\"y\"],\"nothing\":null,\"empty\":\"\",\"id\":\"12x\"}");
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void shouldResolveNestedFieldsAndArrayIndexes() {
        assertThat(FieldPath.of("user.name").resolve(RECORD).textValue()).isEqualTo("ann");
        assertThat(FieldPath.of("a.b.1.c").resolve(RECORD).intValue()).isEqualTo(2);
        assertThat(FieldPath.of("list.0").resolve(RECORD).textValue()).isEqualTo("x");
        assertThat(FieldPath.of("user.0").resolve(RECORD).textValue()).isEqualTo("zero");
    }

    @Test
    void shouldGiveNullForAbsentSegments() {
        assertThat(FieldPath.of("user.age").resolve(RECORD)).isNull();
        assertThat(FieldPath.of("a.b.2.c").resolve(RECORD)).isNull();
        assertThat(FieldPath.of("a.b.c").resolve(RECORD)).isNull();
        assertThat(FieldPath.of("user.name.first").resolve(RECORD)).isNull();
        assertThat(FieldPath.of("nothing").resolve(RECORD).isNull()).isTrue();
    }

    @Test
    void shouldRejectEmptySegments() {
        assertThat(FieldPath.problem("a..b")).isPresent();
        assertThat(FieldPath.problem(".a")).isPresent();
        assertThat(FieldPath.problem("a.")).isPresent();
        assertThat(FieldPath.problem("")).isPresent();
        assertThat(FieldPath.problem("a.b.0")).isEmpty();
        assertThatThrownBy(() -> FieldPath.of("a..b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTreatNullAndEmptyAsAbsentAndFallBackToTheDefault() {
        CompiledField withDefault = new CompiledField("f", FieldSpec.field("nothing", "fallback"));
        CompiledField emptyWithDefault = new CompiledField("f", FieldSpec.field("empty", "fallback"));
        CompiledField missingWithout = new CompiledField("f", FieldSpec.field("missing"));

        assertThat(withDefault.value(RECORD)).isEqualTo("fallback");
        assertThat(emptyWithDefault.value(RECORD)).isEqualTo("fallback");
        assertThat(missingWithout.value(RECORD)).isNull();
        assertThat(withDefault.conversionProblems()).isZero();
    }

    @Test
    void shouldCountConversionProblemsAndUseTheDefault() {
        CompiledField field = new CompiledField("f", new FieldSpec("id", LongNode.valueOf(0), Transformation.INTEGER));

        assertThat(field.value(RECORD)).isEqualTo("0");
        assertThat(field.value(RECORD)).isEqualTo("0");
        assertThat(field.conversionProblems()).isEqualTo(2);
    }
}
