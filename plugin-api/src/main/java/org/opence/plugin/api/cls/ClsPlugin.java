package org.opence.plugin.api.cls;

import java.util.List;

import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PushResult;

/**
 * A Log Shipper destination. The platform filters records by the SIEM mapping's rule and formats
 * each with the mapping's mapping file into one text: a CEF or LEEF line, or a compact JSON object.
 * The plugin may reshape those texts ({@link #transform}), then delivers them in chunks
 * ({@link #push}). A chunk counts as delivered only after {@code push} returned: accepted records are
 * done, refused ones are parked with their reason, a retryable result is retried later (only the
 * records that were not accepted).
 */
public interface ClsPlugin extends Plugin {

    /** Format of the texts the platform hands over: {@code cef}, {@code leef} or {@code json}. */
    String CEF = "cef";

    String LEEF = "leef";
    String JSON = "json";

    /**
     * Turns formatted records into what the destination takes (e.g. a Splunk HEC event object around
     * each text); the default passes them through. Called once per chunk, before {@link #push}; the
     * result must have one item per record, in the same order, so refusals can be traced back.
     *
     * @param records one text per record, as the mapping file formatted it
     * @param format {@link #CEF}, {@link #LEEF} or {@link #JSON}
     * @param dataType alerts or events
     * @param subType e.g. malware, page
     */
    default List<Object> transform(
            PluginContext context, List<String> records, String format, String dataType, String subType)
            throws Exception {
        return List.copyOf(records);
    }

    /**
     * Delivers one chunk of at most {@link #chunkSize} transformed records. Report records the
     * destination refused for good by their index in {@code transformed} (they are parked with the
     * reason). When delivery failed in a way that may pass (5xx, timeout, connection refused), return a
     * retryable result: {@link PushResult#retryLater} retries the whole chunk; a retryable result that
     * names records by index retries just those (the others count as accepted), which avoids sending
     * what the destination already took again.
     */
    PushResult push(PluginContext context, List<Object> transformed, String dataType, String subType) throws Exception;

    /** How many records one push may carry. */
    default int chunkSize() {
        return 10_000;
    }

    /** The sub types of a data type this destination wants; empty means all. */
    default List<String> subtypes(PluginContext context, String dataType) {
        return List.of();
    }
}
