package org.opence.common.error;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

    @Test
    void shouldListAHundredFieldErrorsAndCountTheRest() throws Exception {
        // a configuration of 300,000 unknown keys once gave a 22.7 MB answer
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < 300_000; i++) {
            errors.add(new Problem.FieldError("key" + i, "is not a field of this plugin"));
        }
        Problem problem = new Problem(
                Problem.type("validation"), "Invalid input", 400, "300000 fields are invalid", "/x", errors);

        assertThat(problem.errors()).hasSize(Problem.MAX_ERRORS + 1);
        assertThat(problem.errors().get(Problem.MAX_ERRORS).message())
                .isEqualTo("and 299900 more problems, not listed");
        assertThat(new ObjectMapper().writeValueAsBytes(problem).length).isLessThan(10_000);
    }

    @Test
    void shouldCutLongTextsItRepeats() {
        Problem problem = new Problem(
                Problem.type("validation"),
                "Invalid input",
                400,
                "d".repeat(5_000_000),
                "/x",
                List.of(new Problem.FieldError("f".repeat(10_000), "m".repeat(1_000_000))));

        assertThat(problem.detail()).hasSize(2000).endsWith("…");
        assertThat(problem.errors().get(0).field()).hasSize(200);
        assertThat(problem.errors().get(0).message()).hasSize(500);
    }
}
