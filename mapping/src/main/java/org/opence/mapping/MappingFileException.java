package org.opence.mapping;

import java.util.List;
import java.util.stream.Collectors;

/** A mapping file that cannot be used, with every problem found in it (not only the first). */
public class MappingFileException extends RuntimeException {

    private final transient List<ValidationError> errors;

    public MappingFileException(List<ValidationError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }

    static String describe(List<ValidationError> errors) {
        return "invalid mapping file: "
                + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; "));
    }
}
