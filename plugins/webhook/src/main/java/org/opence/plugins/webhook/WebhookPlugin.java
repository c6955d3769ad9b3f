package org.opence.plugins.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.opence.plugin.api.Capability;
import org.opence.plugin.api.FieldProblem;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.ValidationResult;
import org.opence.plugin.api.cls.ClsPlugin;

/**
 * Log Shipper destination for any HTTP endpoint that takes batches of JSON: each record (a JSON object,
 * or a CEF/LEEF line as a JSON string) goes into a JSON array, NDJSON or an envelope object, sent with
 * POST or PUT, optionally gzipped, with bearer, basic or custom header authentication. Which answers
 * mean success is configurable; the others decide whether records are parked or sent again later.
 */
public class WebhookPlugin implements ClsPlugin {

    static final int CHUNK_SIZE = 10_000;

    @Override
    public PluginManifest manifest() {
        return new PluginManifest(
                "webhook",
                "Webhook (HTTP)",
                "1.0.0",
                ModuleType.CLS,
                "Posts alerts and events in batches to any HTTP or HTTPS endpoint: a JSON array, NDJSON or an"
                        + " envelope object, optionally gzipped, with bearer, basic or custom header"
                        + " authentication and configurable success status codes.",
                "0.1.0",
                Set.of(Capability.PUSH),
                null,
                WebhookFields.all(),
                List.of("alerts", "events"),
                List.of(CEF, LEEF, JSON));
    }

    @Override
    public int chunkSize() {
        return CHUNK_SIZE;
    }

    /**
     * Checks every field, then sends what {@code testOnSave} says (by default an empty batch with the
     * configured method, authentication and headers) and reports the answer on the field to change.
     */
    @Override
    public ValidationResult validate(PluginContext context) {
        WebhookSettings.Parsed parsed = WebhookSettings.parse(context.configuration());
        if (!parsed.problems().isEmpty()) {
            return new ValidationResult(parsed.problems());
        }
        try {
            FieldProblem problem = Probe.check(context.http(), parsed.settings());
            return problem == null ? ValidationResult.ok() : new ValidationResult(List.of(problem));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ValidationResult.invalid(WebhookSettings.URL, "the test request was interrupted");
        }
    }

    /**
     * Makes every record one JSON value: JSON records stay as they are (checked in {@link #push}),
     * CEF and LEEF lines become JSON strings.
     */
    @Override
    public List<Object> transform(
            PluginContext context, List<String> records, String format, String dataType, String subType) {
        boolean json = JSON.equalsIgnoreCase(format);
        List<Object> values = new ArrayList<>(records.size());
        for (String record : records) {
            values.add(record == null || json ? record : JsonText.quote(record));
        }
        return values;
    }

    /**
     * Sends the records in requests of at most {@code maxRecords} records and {@code maxBatchBytes}
     * bytes, in order, and reports what the receiver did with each.
     *
     * <ul>
     *   <li>A success code: the request's records are accepted.
     *   <li>413: the request is split in halves and sent again; a record refused alone is parked.
     *   <li>408, 429, 5xx, timeouts, connection problems, and 401/403/407 or redirects (the configuration,
     *       not the records, is wrong): the push stops; the records not accepted are retried later.
     *   <li>Any other answer (400, 404, 422, a 2xx that is not a success code ...): the request's records
     *       are parked with the status and the start of the answer.
     *   <li>Items that are not one JSON value, or too large for {@code maxBatchBytes} even alone, are
     *       parked without being sent.
     * </ul>
     */
    @Override
    public PushResult push(PluginContext context, List<Object> transformed, String dataType, String subType)
            throws InterruptedException {
        if (transformed.isEmpty()) {
            return PushResult.allAccepted(0);
        }
        WebhookSettings settings = WebhookSettings.of(context.configuration());
        Delivery delivery = Delivery.run(context.http(), settings, transformed, dataType, subType);
        DeliveryLog.write(context.logger(), settings, delivery, transformed.size());
        return delivery.result();
    }
}
