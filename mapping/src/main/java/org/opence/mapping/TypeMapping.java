package org.opence.mapping;

/** How records of one data type and subtype are written; one implementation per {@link Format}. */
public sealed interface TypeMapping permits CefMapping, LeefMapping, JsonMapping {

    /** The format this mapping writes. */
    Format format();
}
