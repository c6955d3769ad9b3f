package org.opence.mapping.query;

import java.util.List;
import java.util.stream.Collectors;

import org.opence.mapping.ValidationError;

/** A query that cannot be compiled, with every problem and where it is (e.g. {@code $and[1].severity.$gtx}). */
public class QueryException extends RuntimeException {

    private final transient List<ValidationError> errors;

    public QueryException(List<ValidationError> errors) {
        super("invalid query: " + errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ValidationError> errors() {
        return errors;
    }
}
