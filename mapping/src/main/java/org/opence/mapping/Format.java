package org.opence.mapping;

/** The output format of a mapping file. */
public enum Format {
    /** ArcSight Common Event Format, version 0. */
    CEF,
    /** IBM QRadar Log Event Extended Format, version 2.0. */
    LEEF,
    /** One compact JSON object per record. */
    JSON
}
