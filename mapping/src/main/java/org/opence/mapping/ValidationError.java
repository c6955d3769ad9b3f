package org.opence.mapping;

import java.util.Objects;

/**
 * One problem found in a mapping file or a query: where it is (a JSON path such as
 * {@code taxonomy.alerts.malware.extension.src.transformation} or {@code $and[1].severity.$gtx}) and
 * what is wrong there.
 *
 * @param path JSON path of the offending element; empty for the document itself
 * @param message what is wrong, written so that a user knows what to fix
 */
public record ValidationError(String path, String message) {

    public ValidationError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
