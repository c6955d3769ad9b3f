package org.opence.plugins.splunkhec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opence.plugin.api.PushResult;
import org.opence.plugin.testkit.TestContext;

/** Records as the mapping files format them, configurations, and a transform-then-push shortcut. */
final class Fixtures {

    /** 2024-05-01T09:30:00Z */
    static final long EPOCH_SECONDS = 1_714_555_800L;

    private Fixtures() {}

    /**
     * {@code count} distinct CEF lines (ids {@code from}…) with characters that need care in JSON:
     * quotes, backslashes, non-ASCII; {@code rt} in epoch seconds as the default mapping writes it.
     */
    static List<String> cef(int count, int from) {
        List<String> lines = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            lines.add("CEF:0|Netskope|Netskope|1.0|malware|Malware \"détecté\" \\| übel|8|rt=" + (EPOCH_SECONDS + i)
                    + " externalId=" + i + " src=10.0.0." + (i % 250) + " suser=user" + i
                    + "@example.com cs1Label=path cs1=C:\\\\temp\\\\a.exe 日本 act=blocked");
        }
        return lines;
    }

    /** {@code count} compact JSON records as the JSON mapping writes them, with {@code _id} and {@code timestamp}. */
    static List<String> json(int count, int from) {
        List<String> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            records.add("{\"_id\":\"" + i + "\",\"timestamp\":" + (EPOCH_SECONDS + i)
                    + ",\"alert_type\":\"malware\",\"user\":\"user" + i + "@example.com\",\"srcip\":\"10.0.0."
                    + (i % 250) + "\",\"quoted\":\"a \\\"b\\\" c\",\"nested\":{\"n\":" + i
                    + ",\"list\":[1,2.5,true,null]},\"id64\":\"9007199254740993\"}");
        }
        return records;
    }

    /** A configuration for the simulator with gzip off unless asked for, to see the bytes plainly. */
    static Map<String, Object> config(SplunkHecSimulator hec, String token) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", hec.url());
        config.put("token", token);
        return config;
    }

    /** What the platform does with a chunk: transform it, then push the result. */
    static PushResult deliver(
            SplunkHecPlugin plugin, TestContext context, List<String> records, String format, String dataType)
            throws Exception {
        List<Object> events = plugin.transform(context, records, format, dataType, "malware");
        return plugin.push(context, events, dataType, "malware");
    }
}
