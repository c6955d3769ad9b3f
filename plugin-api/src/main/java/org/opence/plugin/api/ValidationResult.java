package org.opence.plugin.api;

import java.util.List;

/**
 * The answer of a validation: valid, or the problems found, each on a field where possible.
 *
 * @param problems empty when valid
 */
public record ValidationResult(List<FieldProblem> problems) {

    public ValidationResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static ValidationResult ok() {
        return new ValidationResult(List.of());
    }

    public static ValidationResult invalid(String field, String message) {
        return new ValidationResult(List.of(new FieldProblem(field, message)));
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
