package org.opence.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opence.mapping.format.CefTestParser;
import org.opence.mapping.format.MappingFormatter;
import org.opence.mapping.format.RecordFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MappingDefaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> everyTypeAndSubtype() {
        List<Arguments> all = new ArrayList<>();
        for (DataType type : DataType.values()) {
            for (String subtype : type.subtypes()) {
                all.add(Arguments.of(type, subtype));
            }
        }
        return all.stream();
    }

    @Test
    void shouldShipEveryNamedFileReadOnlyAndRoundTripping() {
        assertThat(MappingDefaults.all())
                .extracting(MappingFile::name)
                .containsExactlyElementsOf(MappingDefaults.NAMES);
        assertThat(MappingDefaults.NAMES).contains("default-cef", "default-json", "splunk", "sentinel");
        for (MappingFile file : MappingDefaults.all()) {
            assertThat(file.readOnly()).as(file.name()).isTrue();
            assertThat(MappingFile.parse(file.toJson())).as(file.name()).isEqualTo(file);
        }
        assertThat(MappingDefaults.get("nope")).isEmpty();
    }

    @Test
    void shouldCoverEveryAlertSubtypeAndEventTypeInDefaultCefWithItsOwnEntry() {
        MappingFile cef = MappingDefaults.get("default-cef").orElseThrow();

        for (DataType type : DataType.values()) {
            assertThat(cef.taxonomy().get(type).keySet())
                    .as(type.key())
                    .containsAll(type.subtypes())
                    .contains("*");
        }
    }

    @ParameterizedTest
    @MethodSource("everyTypeAndSubtype")
    void shouldFormatARealisticRecordWithDefaultCef(DataType type, String subtype) throws Exception {
        MappingFormatter cef =
                MappingFormatter.compile(MappingDefaults.get("default-cef").orElseThrow());
        JsonNode record = SampleRecords.of(type, subtype);

        String line = cef.forType(type, subtype).orElseThrow().format(record);

        List<String> header = cefHeader(line);
        Map<String, String> ext = cefExtension(line);
        assertThat(header.get(0)).isEqualTo("Netskope");
        assertThat(header.get(3)).isEqualTo((type == DataType.ALERTS ? "alert:" : "event:") + subtype);
        assertThat(header.get(5)).matches("10|[0-9]|Unknown");
        assertThat(ext)
                .containsEntry("rt", "1717000000000")
                .containsEntry("src", "10.20.30.40")
                .containsEntry("dst", "2001:db8::1")
                .containsEntry("suser", "jürgen.müller@example.com")
                .containsEntry("request", "app.box.com/files/view?id=123&x=a=b|c")
                .containsEntry("cs1", "Block uploads | personal \\ instances")
                .containsEntry("cn3Label", "transaction_id")
                .containsEntry("cn3", "9007199254740993")
                .containsEntry("cn2", "9223372036854775807");
        assertThat(cef.totalConversionProblems()).isZero();
    }

    @Test
    void shouldMapSubtypeSpecificFieldsInDefaultCef() throws Exception {
        MappingFormatter cef =
                MappingFormatter.compile(MappingDefaults.get("default-cef").orElseThrow());

        Map<String, String> malware =
                cefExtension(cef.format(SampleRecords.of(DataType.ALERTS, "malware"), DataType.ALERTS, "malware"));
        Map<String, String> dlp =
                cefExtension(cef.format(SampleRecords.of(DataType.ALERTS, "dlp"), DataType.ALERTS, "dlp"));
        Map<String, String> audit =
                cefExtension(cef.format(SampleRecords.of(DataType.EVENTS, "audit"), DataType.EVENTS, "audit"));
        Map<String, String> network =
                cefExtension(cef.format(SampleRecords.of(DataType.EVENTS, "network"), DataType.EVENTS, "network"));

        assertThat(malware)
                .containsEntry("fileHash", "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592")
                .containsEntry("cs5", "Trojan.GenericKD.4612")
                .containsEntry("fname", "Quartalsbericht Q3 – final.pdf");
        assertThat(dlp).containsEntry("cs5", "PCI-DSS").containsEntry("flexNumber1", "9007199254740997");
        assertThat(audit).containsEntry("cs5", "policy").containsEntry("cs6", "policy-1,policy-2");
        assertThat(network).containsEntry("dpt", "443").containsEntry("proto", "TCP");
    }

    @ParameterizedTest
    @MethodSource("everyTypeAndSubtype")
    void shouldFormatARealisticRecordWithEveryJsonDefault(DataType type, String subtype) throws Exception {
        JsonNode record = SampleRecords.of(type, subtype);
        for (String name : List.of("default-json", "splunk", "sentinel")) {
            RecordFormatter f = MappingFormatter.compile(
                            MappingDefaults.get(name).orElseThrow())
                    .forType(type, subtype)
                    .orElseThrow();

            JsonNode out = JSON.readTree(f.formatBytes(record));

            String id =
                    switch (name) {
                        case "splunk" -> "netskope_id";
                        case "sentinel" -> "RecordId";
                        default -> "_id";
                    };
            String transaction = name.equals("sentinel") ? "TransactionId" : "transaction_id";
            assertThat(out.get(id).textValue()).as(name).isEqualTo("f3b2c1d0e9a8b7c6d5e4f3a2");
            assertThat(out.get(transaction).textValue()).as(name).isEqualTo("9007199254740993");
            if (!name.equals("default-json")) {
                out.fieldNames().forEachRemaining(n -> assertThat(n).as(name).matches("[A-Za-z][A-Za-z0-9_]*"));
            }
        }
    }

    @Test
    void shouldUseSplunkAndSentinelFieldNames() throws Exception {
        JsonNode record = SampleRecords.of(DataType.ALERTS, "malware");

        JsonNode splunk = JSON.readTree(
                MappingFormatter.compile(MappingDefaults.get("splunk").orElseThrow())
                        .format(record, DataType.ALERTS, "malware"));
        JsonNode sentinel = JSON.readTree(
                MappingFormatter.compile(MappingDefaults.get("sentinel").orElseThrow())
                        .format(record, DataType.ALERTS, "malware"));

        assertThat(splunk.get("src").textValue()).isEqualTo("10.20.30.40");
        assertThat(splunk.get("dest").textValue()).isEqualTo("2001:0db8:0000:0000:0000:0000:0000:0001");
        assertThat(splunk.get("signature").textValue()).isEqualTo("Alert: malware");
        assertThat(splunk.get("file_hash").textValue()).startsWith("d7a8fbb3");
        assertThat(sentinel.get("SrcIpAddr").textValue()).isEqualTo("10.20.30.40");
        assertThat(sentinel.get("SrcUsername").textValue()).isEqualTo("jürgen.müller@example.com");
        assertThat(sentinel.get("EventTimeEpoch").longValue()).isEqualTo(1_717_000_000L);
        assertThat(sentinel.get("Cci").intValue()).isEqualTo(81);
    }

    @ParameterizedTest
    @MethodSource("everyTypeAndSubtype")
    void shouldFormatARealisticRecordWithDefaultLeef(DataType type, String subtype) {
        RecordFormatter f = MappingFormatter.compile(
                        MappingDefaults.get("default-leef").orElseThrow())
                .forType(type, subtype)
                .orElseThrow();

        String line = f.format(SampleRecords.of(type, subtype));

        assertThat(line)
                .startsWith("LEEF:2.0|Netskope|Security Cloud|1.0|")
                .contains("|x09|")
                .doesNotContain("\n");
        String[] attributes = line.substring(line.indexOf("|x09|") + 5).split("\t");
        assertThat(attributes)
                .contains(
                        "devTime=May 29 2024 16:26:40.000 UTC",
                        "devTimeFormat=MMM dd yyyy HH:mm:ss.SSS zzz",
                        "src=10.20.30.40",
                        "transaction_id=9007199254740993");
    }

    @Test
    void shouldCopyAReadOnlyDefaultIntoAWritableFile() {
        MappingFile shipped = MappingDefaults.get("default-cef").orElseThrow();

        MappingFile copy = shipped.copyAs("my-cef", "mine");

        assertThat(copy.readOnly()).isFalse();
        assertThat(copy.name()).isEqualTo("my-cef");
        assertThat(copy.taxonomy()).isEqualTo(shipped.taxonomy());
    }

    private static List<String> cefHeader(String line) {
        return CefTestParser.parse(line).header();
    }

    private static Map<String, String> cefExtension(String line) {
        return CefTestParser.parse(line).extension();
    }
}
