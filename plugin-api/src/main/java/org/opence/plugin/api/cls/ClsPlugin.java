package org.opence.plugin.api.cls;

import java.util.List;
import java.util.Map;

import org.opence.plugin.api.Plugin;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PushResult;

/**
 * A Log Shipper destination. The platform filters records by the SIEM mapping's rule and maps them
 * with the mapping file; the plugin may reshape them ({@link #transform}) and delivers them
 * ({@link #push}). A batch is acknowledged only after {@code push} returned: accepted records are
 * done, refused ones are parked with their reason, a retryable result is retried later.
 */
public interface ClsPlugin extends Plugin {

    /**
     * Turns mapped records into what the destination takes (e.g. CEF lines); the default passes
     * them through as they are.
     *
     * @param dataType alerts, events, ...
     * @param subType e.g. malware, page
     */
    default List<Object> transform(
            PluginContext context, List<Map<String, Object>> records, String dataType, String subType)
            throws Exception {
        return List.copyOf(records);
    }

    /** Delivers one chunk of at most {@link #chunkSize} transformed records. */
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
