package org.opence.cls.delivery;

import java.util.HashMap;
import java.util.Map;

import org.opence.common.logs.LogEntry;
import org.opence.common.logs.LogLevel;
import org.opence.common.logs.LogWriter;
import org.opence.mapping.field.CompiledField;
import org.opence.mapping.format.MappingFormatter;
import org.opence.mapping.format.RecordFormatter;

/**
 * Tells the Logging page what a mapping file could not do with the records of one route: values its
 * transformation could not convert (they got the field's default) and header fields the records had
 * no value for (written as "Unknown"). One entry per field with the count since the last one, at most
 * once a minute per route, so a broken mapping is visible without flooding the log.
 */
final class FormatProblems {

    private static final long INTERVAL_MILLIS = 60_000;

    private final LogWriter logs;
    private final DeliveryRoute route;
    private final Map<CompiledField, long[]> reported = new HashMap<>();
    private long lastReportAt;

    FormatProblems(LogWriter logs, DeliveryRoute route) {
        this.logs = logs;
        this.route = route;
    }

    /** Called after each batch; writes the entries when a minute has passed since the last ones. */
    void check(MappingFormatter formatter) {
        long now = System.currentTimeMillis();
        if (now - lastReportAt < INTERVAL_MILLIS) {
            return;
        }
        boolean any = false;
        for (CompiledField field : formatter.fields()) {
            long[] before = reported.computeIfAbsent(field, f -> new long[2]);
            long conversions = field.conversionProblems() - before[0];
            long missing = field.missingValues() - before[1];
            if (conversions > 0) {
                any = true;
                logs.write(LogEntry.of(
                                LogLevel.warning,
                                conversions + " value(s) of '" + field.source() + "' could not be converted for '"
                                        + field.name() + "' of the mapping file '"
                                        + formatter.file().name()
                                        + "' (SIEM mapping '" + route.mapping() + "', destination '"
                                        + route.destination() + "') and were written as the field's default")
                        .withCode(
                                "CLS-MAPPING-CONVERSION",
                                "the records' values do not fit the field's transformation",
                                "Check the transformation of that field in the mapping file, or the records' values."));
            }
            if (missing > 0) {
                any = true;
                logs.write(LogEntry.of(
                                LogLevel.warning,
                                missing + " record(s) had no value for the header field '" + field.name()
                                        + "' (mapped from '" + field.source() + "') of the mapping file '"
                                        + formatter.file().name() + "' (SIEM mapping '" + route.mapping()
                                        + "'); it was written as '" + RecordFormatter.MISSING + "'")
                        .withCode(
                                "CLS-MAPPING-MISSING",
                                "header fields of CEF and LEEF are never left empty",
                                "Map the header field to a field the records have, or give it a default value."));
            }
            before[0] = field.conversionProblems();
            before[1] = field.missingValues();
        }
        if (any) {
            lastReportAt = now;
        }
    }
}
