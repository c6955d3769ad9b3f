package org.opence.simulator.netskope.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opence.simulator.netskope.control.FaultRule;

/**
 * A page of records answered damaged, as a {@code corrupt} fault asks ({@link FaultRule}): the body is
 * the page as {@link RecordsJson} writes it, with the records array rebuilt element by element so
 * single elements can be broken at the byte level.
 */
public final class DamagedPage {

    private static final byte[] MARK = "\"@@SIM-DAMAGE@@\"".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> NOT_RECORDS =
            List.of("null", "\"not a record\"", "12345", "[1,[2],{\"_id\":\"nested\"}]", "true");

    /** The bytes to answer, and the ids of the records damaged or cut off. */
    public record Result(byte[] body, List<String> damaged) {}

    private DamagedPage() {}

    /**
     * @param body the answer as it would be (a map holding the records list under {@code field})
     * @param field {@code result} (v2) or {@code data} (v1)
     */
    @SuppressWarnings("unchecked")
    public static Result of(Map<String, Object> body, String field, FaultRule rule) throws IOException {
        List<Map<String, Object>> records = (List<Map<String, Object>>) body.get(field);
        Map<String, Object> around = new LinkedHashMap<>(body);
        around.put(field, List.of());
        byte[] frame = write(around);
        String placeholder = "\"" + field + "\":[]";
        int at = new String(frame, StandardCharsets.ISO_8859_1).indexOf(placeholder);
        if (at < 0) {
            throw new IllegalStateException("no " + placeholder + " in the page");
        }
        int open = at + placeholder.length() - 1; // where the ']' of the empty array stands

        int position = Math.min(rule.position(), Math.max(0, records.size() - 1));
        List<byte[]> elements = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        Integer cutElement = null;
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> record = records.get(i);
            if (i != position || rule.corruption().equals("non-objects")) {
                elements.add(write(record));
                continue;
            }
            switch (rule.corruption()) {
                case "invalid-utf8" -> {
                    elements.add(withValue(
                            record,
                            quoted(new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xFF, (byte) 0xC3, '('})));
                    damaged.add(String.valueOf(record.get("_id")));
                }
                case "bad-json" -> {
                    elements.add(withValue(record, "NaN".getBytes(StandardCharsets.US_ASCII)));
                    damaged.add(String.valueOf(record.get("_id")));
                }
                default -> { // truncate
                    cutElement = elements.size();
                    elements.add(write(record));
                    for (int j = i; j < records.size(); j++) {
                        damaged.add(String.valueOf(records.get(j).get("_id")));
                    }
                }
            }
        }
        if (rule.corruption().equals("non-objects")) {
            List<byte[]> withExtras = new ArrayList<>();
            addExtras(withExtras);
            for (int i = 0; i < elements.size(); i++) {
                withExtras.add(elements.get(i));
                if (i == position || i == elements.size() - 1) {
                    addExtras(withExtras);
                }
            }
            elements = withExtras;
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 1024 * elements.size());
        out.write(frame, 0, open);
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            byte[] element = elements.get(i);
            if (cutElement != null && i == cutElement) {
                out.write(element, 0, element.length / 2); // and nothing after it
                return new Result(out.toByteArray(), damaged);
            }
            out.write(element);
        }
        out.write(frame, open, frame.length - open);
        return new Result(out.toByteArray(), damaged);
    }

    private static void addExtras(List<byte[]> elements) {
        for (String extra : NOT_RECORDS) {
            elements.add(extra.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** {@code inside} between quotes, as raw bytes. */
    private static byte[] quoted(byte[] inside) {
        byte[] quoted = new byte[inside.length + 2];
        quoted[0] = '"';
        System.arraycopy(inside, 0, quoted, 1, inside.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    /** The record with a field {@code sim_damage} whose value is {@code value}, as raw bytes. */
    private static byte[] withValue(Map<String, Object> record, byte[] value) throws IOException {
        Map<String, Object> marked = new LinkedHashMap<>(record);
        marked.put("sim_damage", "@@SIM-DAMAGE@@");
        byte[] bytes = write(marked);
        int at = indexOf(bytes, MARK);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + value.length);
        out.write(bytes, 0, at);
        out.write(value);
        out.write(bytes, at + MARK.length, bytes.length - at - MARK.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i <= bytes.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not found");
    }

    private static byte[] write(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RecordsJson(Map.of("v", value)).write(out);
        byte[] all = out.toByteArray();
        // {"v":...} -> ...
        return java.util.Arrays.copyOfRange(all, 5, all.length - 1);
    }
}
