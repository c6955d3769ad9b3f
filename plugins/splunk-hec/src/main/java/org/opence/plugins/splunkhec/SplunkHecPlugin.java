package org.opence.plugins.splunkhec;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.opence.plugin.api.Capability;
import org.opence.plugin.api.ConfigField;
import org.opence.plugin.api.ModuleType;
import org.opence.plugin.api.PluginContext;
import org.opence.plugin.api.PluginManifest;
import org.opence.plugin.api.PluginStorage;
import org.opence.plugin.api.PushResult;
import org.opence.plugin.api.ValidationResult;
import org.opence.plugin.api.cls.ClsPlugin;

/**
 * Log Shipper destination for a Splunk HTTP Event Collector. {@link #transform} wraps each formatted
 * record into a HEC event object (JSON records as objects, CEF and LEEF lines as strings, with time,
 * host, source, sourcetype and index); {@link #push} posts them to {@code /services/collector/event}
 * in requests under the size limit, optionally gzip-compressed and confirmed by indexer
 * acknowledgement, and reports per record what HEC did with it.
 */
public class SplunkHecPlugin implements ClsPlugin {

    /** Storage key of the configuration's request channel (a GUID kept across runs). */
    static final String CHANNEL_KEY = "channel";

    @Override
    public PluginManifest manifest() {
        return new PluginManifest(
                "splunk-hec",
                "Splunk HTTP Event Collector",
                "1.0.0",
                ModuleType.CLS,
                "Delivers alerts and events, formatted as CEF, LEEF or JSON, to a Splunk HTTP Event Collector,"
                        + " with gzip and optional indexer acknowledgement.",
                "0.1.0",
                Set.of(Capability.PUSH),
                null,
                List.of(
                        ConfigField.text(HecSettings.URL, "HEC URL")
                                .required()
                                .placeholder("https://splunk.example.org:8088")
                                .help("The collector's address: scheme, host and port (8088 by default), without a"
                                        + " path."),
                        ConfigField.password(HecSettings.TOKEN, "HEC token")
                                .required()
                                .help("The token's value from Settings > Data inputs > HTTP Event Collector."),
                        ConfigField.text(HecSettings.INDEX, "Index")
                                .help("Empty: the token's default index. The token must allow the index."),
                        ConfigField.text(HecSettings.SOURCETYPE, "Sourcetype")
                                .withDefault(HecSettings.DEFAULT_SOURCETYPE)
                                .help("May use {dataType} (alerts, events), {subType} (malware, page, ...) and"
                                        + " {format} (cef, leef, json). Empty: the token's or HEC's default."),
                        ConfigField.text(HecSettings.SOURCE, "Source")
                                .help("Same placeholders as the sourcetype. Empty: HEC's default"
                                        + " (http:<token name>)."),
                        ConfigField.text(HecSettings.HOST, "Host").help("Empty: HEC's default (its own address)."),
                        ConfigField.bool(HecSettings.GZIP, "Compress (gzip)")
                                .withDefault(true)
                                .help("Sends request bodies gzip-compressed: several times less traffic."),
                        ConfigField.bool(HecSettings.USE_ACK, "Use indexer acknowledgement")
                                .withDefault(false)
                                .help("Counts records as delivered only once Splunk's indexers confirm them; the"
                                        + " token must have acknowledgement on."),
                        ConfigField.number(HecSettings.ACK_TIMEOUT, "Acknowledgement timeout (seconds)")
                                .withDefault(HecSettings.DEFAULT_ACK_TIMEOUT_SECONDS)
                                .help("How long a push waits for the indexers' confirmation before the records are"
                                        + " sent again (1-300; keep it below the platform's call timeout)."),
                        ConfigField.number(HecSettings.BATCH_BYTES, "Largest request (bytes)")
                                .withDefault(HecSettings.DEFAULT_BATCH_BYTES)
                                .help("Request bodies stay below this size before compression; at most Splunk's"
                                        + " max_content_length (limits.conf [http_input]).")),
                List.of("alerts", "events"),
                List.of(CEF, LEEF, JSON));
    }

    /**
     * Checks each field, then asks the collector: its health endpoint (is there a HEC at this URL?), an
     * empty event request (is the token valid and enabled?), and with acknowledgement on an
     * acknowledgement query (is it on for the token?). Nothing is indexed.
     */
    @Override
    public ValidationResult validate(PluginContext context) {
        HecSettings.Parsed parsed = HecSettings.parse(context.configuration());
        if (!parsed.problems().isEmpty()) {
            return new ValidationResult(parsed.problems());
        }
        HecSettings settings = parsed.settings();
        try {
            return new ConnectionCheck(new HecClient(context.http(), settings), settings).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ValidationResult.invalid(HecSettings.URL, "the check was interrupted");
        }
    }

    /**
     * One serialized HEC event object per record, in order. A record announced as JSON that is not one
     * JSON value is sent as a string event instead (nothing is lost; a warning names the first).
     */
    @Override
    public List<Object> transform(
            PluginContext context, List<String> records, String format, String dataType, String subType) {
        HecSettings settings = HecSettings.of(context.configuration());
        EventWriter.Written written = new EventWriter(settings, format, dataType, subType).write(records);
        if (written.invalidJson() > 0) {
            context.logger()
                    .warn(written.invalidJson() + " of " + records.size() + " JSON record(s) were not valid JSON and"
                            + " are sent as text events (first: " + written.firstInvalid() + "). Check the mapping"
                            + " file.");
        }
        return written.events();
    }

    /**
     * Posts the events; see {@link Delivery} for what each answer of the collector means for the
     * records. With acknowledgement on, the configuration's request channel is created once and kept.
     */
    @Override
    public PushResult push(PluginContext context, List<Object> transformed, String dataType, String subType)
            throws InterruptedException {
        if (transformed.isEmpty()) {
            return PushResult.allAccepted(0);
        }
        HecSettings settings = HecSettings.of(context.configuration());
        String channel = settings.useAck() ? channel(context.storage()) : null;
        return new Delivery(context, settings, new HecClient(context.http(), settings), channel, transformed).run();
    }

    /** The configuration's channel: a GUID made once and kept, so Splunk sees one client per configuration. */
    static String channel(PluginStorage storage) {
        Optional<String> stored = storage.get(CHANNEL_KEY).filter(SplunkHecPlugin::isGuid);
        if (stored.isPresent()) {
            return stored.get();
        }
        String channel = UUID.randomUUID().toString();
        storage.put(CHANNEL_KEY, channel);
        return channel;
    }

    private static boolean isGuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
