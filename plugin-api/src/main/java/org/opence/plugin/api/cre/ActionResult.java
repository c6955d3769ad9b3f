package org.opence.plugin.api.cre;

import java.util.Map;

/**
 * The outcome of an action on a record; kept so the action can be reverted.
 *
 * @param success whether it took effect
 * @param message for the action log
 * @param revertState what {@code revert} needs to undo it
 */
public record ActionResult(boolean success, String message, Map<String, String> revertState) {
    public ActionResult {
        revertState = revertState == null ? Map.of() : Map.copyOf(revertState);
    }
}
