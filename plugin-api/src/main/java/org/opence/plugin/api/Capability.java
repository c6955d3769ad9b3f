package org.opence.plugin.api;

/** What a plugin can do, declared in its manifest so the platform offers only what works. */
public enum Capability {
    /** Pulls data from its system on a schedule (CTE sources, CRE record sources). */
    PULL,
    /** Pushes data to its system (CTE destinations, CLS). */
    PUSH,
    /** Its destination accepts changes; without it the platform sends the whole list every time. */
    PATCH,
    /** Its destination can delete what was pushed earlier. */
    DELETE,
    /** It can tell which indicators its source has retracted. */
    RETRACTION,
    /** It can write ticket states back (CTO). */
    SYNC_STATES
}
