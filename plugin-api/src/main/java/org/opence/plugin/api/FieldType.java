package org.opence.plugin.api;

/** Types of configuration fields; the UI renders each with the matching control. */
public enum FieldType {
    /** One line of text. */
    TEXT,
    /** A secret: encrypted at rest, never returned by the API, masked in logs. */
    PASSWORD,
    /** A number (integer or decimal). */
    NUMBER,
    /** On or off. */
    BOOLEAN,
    /** One of {@link ConfigField#choices()}. */
    CHOICE,
    /** Any number of {@link ConfigField#choices()}. */
    MULTICHOICE,
    /** Several lines of text. */
    TEXTAREA,
    /** An e-mail address. */
    EMAIL,
    /** A page of a wizard: groups its {@link ConfigField#fields()}; holds no value itself. */
    STEP
}
