package org.opence.mapping;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.IntNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MappingFileTest {

    private static final String VALID_CEF = """
            {
              "name": "my-cef",
              "description": "test",
              "readOnly": false,
              "format": "CEF",
              "taxonomy": {
                "alerts": {
                  "malware": {
                    "header": {
                      "deviceVendor": {"default_value": "Netskope"},
                      "deviceProduct": {"default_value": "Security Cloud"},
                      "deviceVersion": {"default_value": "1.0"},
                      "deviceEventClassId": {"mapping_field": "alert_type", "default_value": "malware"},
                      "name": {"mapping_field": "alert_name"},
                      "severity": {"mapping_field": "severity", "default_value": "Unknown"}
                    },
                    "extension": {
                      "src": {"mapping_field": "srcip", "transformation": "IP Address"},
                      "cn1": {"mapping_field": "transaction_id", "default_value": 0, "transformation": "Integer"},
                      "cs1": {"mapping_field": "supporting_data.data_values.0"}
                    }
                  },
                  "*": {
                    "header": {
                      "deviceVendor": {"default_value": "Netskope"},
                      "deviceProduct": {"default_value": "Security Cloud"},
                      "deviceVersion": {"default_value": "1.0"},
                      "deviceEventClassId": {"mapping_field": "alert_type"},
                      "name": {"mapping_field": "alert_name"},
                      "severity": {"default_value": 5}
                    }
                  }
                }
              }
            }
            """;

    private static List<String> errorsOf(String json) {
        MappingFileException e = catchThrowableOfType(MappingFileException.class, () -> MappingFile.parse(json));
        assertThat(e).as("expected the file to be rejected").isNotNull();
        return e.errors().stream().map(ValidationError::toString).toList();
    }

    private static String cefWith(String extensionEntry) {
        return VALID_CEF.replace("\"cs1\": {\"mapping_field\": \"supporting_data.data_values.0\"}", extensionEntry);
    }

    @Test
    void shouldReadAValidCefFile() {
        MappingFile file = MappingFile.parse(VALID_CEF);

        assertThat(file.name()).isEqualTo("my-cef");
        assertThat(file.format()).isEqualTo(Format.CEF);
        CefMapping malware =
                (CefMapping) file.mappingFor(DataType.ALERTS, "malware").orElseThrow();
        assertThat(malware.extension().keySet()).containsExactly("src", "cn1", "cs1");
        assertThat(malware.extension().get("src").transformation()).isEqualTo(Transformation.IP_ADDRESS);
        assertThat(malware.extension().get("cn1").defaultValue()).isEqualTo(IntNode.valueOf(0));
        assertThat(malware.header().severity().mappingField()).isEqualTo("severity");
    }

    @Test
    void shouldFallBackToTheWildcardSubtypeAndNotToOtherTypes() {
        MappingFile file = MappingFile.parse(VALID_CEF);

        assertThat(file.mappingFor(DataType.ALERTS, "dlp"))
                .containsSame(file.taxonomy().get(DataType.ALERTS).get("*"));
        assertThat(file.mappingFor(DataType.EVENTS, "page")).isEmpty();
    }

    @Test
    void shouldRoundTripThroughJson() {
        MappingFile file = MappingFile.parse(VALID_CEF);

        MappingFile again = MappingFile.parse(file.toJson());

        assertThat(again).isEqualTo(file);
        assertThat(again.toJson()).isEqualTo(file.toJson());
    }

    @Test
    void shouldRoundTripFilesBuiltInCode() {
        Map<String, TypeMapping> subtypes = Map.of(
                "page",
                new CefMapping(
                        FieldSpecs.header(),
                        Map.of(
                                "cn1", FieldSpec.constant(5L),
                                "cn2", FieldSpec.constant(9007199254740993L),
                                "cfp1",
                                        new FieldSpec(
                                                "x",
                                                com.fasterxml.jackson.databind.node.DecimalNode.valueOf(
                                                        new java.math.BigDecimal("1.5")),
                                                Transformation.FLOATING_POINT),
                                "cs1", FieldSpec.constant(true))));
        MappingFile file = new MappingFile("code", null, true, Format.CEF, Map.of(DataType.EVENTS, subtypes));

        assertThat(MappingFile.parse(file.toJson())).isEqualTo(file);
    }

    @Test
    void shouldRoundTripLeefAndJsonFiles() {
        String leef = """
                {"name": "q", "format": "LEEF", "taxonomy": {"events": {"page": {
                  "header": {"vendor": {"default_value": "N"}, "product": {"default_value": "P"},
                             "version": {"default_value": "1"}, "eventId": {"mapping_field": "type"},
                             "delimiter": "x5E"},
                  "attributes": {"devTime": {"mapping_field": "timestamp"}, "usrName": {"mapping_field": "user"}}}}}}
                """;
        String json = """
                {"name": "j", "format": "JSON", "taxonomy": {"alerts": {"*": {
                  "fields": ["user", "srcip", "a.b"], "rename": {"srcip": "src"}}}}}
                """;

        MappingFile leefFile = MappingFile.parse(leef);
        MappingFile jsonFile = MappingFile.parse(json);

        assertThat(((LeefMapping) leefFile.mappingFor(DataType.EVENTS, "page").orElseThrow())
                        .header()
                        .delimiter())
                .isEqualTo('^');
        assertThat(MappingFile.parse(leefFile.toJson())).isEqualTo(leefFile);
        assertThat(MappingFile.parse(jsonFile.toJson())).isEqualTo(jsonFile);
        assertThat(leefFile.readOnly()).isFalse();
    }

    @Test
    void shouldReportABadTransformationWithItsPath() {
        List<String> errors = errorsOf(cefWith("\"src2\": {\"mapping_field\": \"srcip\", \"transformation\": \"IPv4\"}")
                .replace("\"transformation\": \"IP Address\"", "\"transformation\": \"ip\""));

        assertThat(errors)
                .containsExactly(
                        "taxonomy.alerts.malware.extension.src.transformation: must be one of String, Integer, Floating"
                                + " Point, IP Address, MAC Address",
                        "taxonomy.alerts.malware.extension.src2.transformation: must be one of String, Integer, Floating"
                                + " Point, IP Address, MAC Address");
    }

    @Test
    void shouldRefuseADescriptionOfMegabytes() {
        // a 5 MiB description was stored, and written into the audit trail at every change
        String huge = VALID_CEF.replaceFirst(
                "\"description\": \"[^\"]*\"", "\"description\": \"" + "d".repeat(5 << 20) + "\"");

        assertThat(errorsOf(huge)).containsExactly("description: must be at most 4000 characters");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        String broken = VALID_CEF
                .replaceFirst(java.util.regex.Pattern.quote("\"deviceVendor\": {\"default_value\": \"Netskope\"},"), "")
                .replace("\"description\": \"test\"", "\"description\": \"test\", \"colour\": \"red\"")
                .replace(
                        "\"cs1\": {\"mapping_field\": \"supporting_data.data_values.0\"}",
                        "\"cs-1\": {\"mapping_field\": \"a..b\"}, \"cs2\": {}, \"cs3\": {\"default_value\": \"x\", \"map\": 1}")
                .replace(
                        "\"default_value\": 0, \"transformation\": \"Integer\"",
                        "\"default_value\": \"zero\", \"transformation\": \"Integer\"")
                .replace("\"severity\": {\"default_value\": 5}", "\"severity\": {\"default_value\": \"dreadful\"}");

        assertThat(errorsOf(broken))
                .containsExactlyInAnyOrder(
                        "colour: unknown key; allowed: name, description, readOnly, format, taxonomy",
                        "taxonomy.alerts.malware.header.deviceVendor: is required",
                        "taxonomy.alerts.malware.extension.cn1.default_value: \"zero\" is not a valid Integer",
                        "taxonomy.alerts.malware.extension.cs-1: key must match [A-Za-z0-9]+",
                        "taxonomy.alerts.malware.extension.cs-1.mapping_field: must not have an empty segment (leading,"
                                + " trailing or doubled '.')",
                        "taxonomy.alerts.malware.extension.cs2: needs mapping_field or default_value (or both)",
                        "taxonomy.alerts.malware.extension.cs3.map: unknown key; allowed: mapping_field, default_value,"
                                + " transformation",
                        "taxonomy.alerts.*.header.severity.default_value: must be an integer 0 to 10, Unknown, Low,"
                                + " Medium, High, Very-High or a Netskope severity (info, informational, moderate,"
                                + " critical)");
    }

    @Test
    void shouldRejectUnknownTypesSubtypesAndFormats() {
        assertThat(errorsOf(
                        "{\"name\":\"x\",\"format\":\"XML\",\"taxonomy\":{\"logs\":{},\"alerts\":{\"malwre\":{}}}}"))
                .containsExactly(
                        "format: must be one of CEF, LEEF, JSON",
                        "taxonomy.logs: unknown data type; allowed: alerts, events",
                        "taxonomy.alerts.malwre: unknown alerts subtype; allowed: *, dlp, malware, policy,"
                                + " compromisedcredential, malsite, quarantine, remediation, securityassessment,"
                                + " watchlist, uba, ctep, device, content");
    }

    @Test
    void shouldRejectAMappingOfAnotherFormat() {
        String json = "{\"name\":\"x\",\"format\":\"JSON\",\"taxonomy\":{\"events\":{\"page\":{\"header\":{}}}}}";

        assertThat(errorsOf(json)).containsExactly("taxonomy.events.page.header: unknown key; allowed: fields, rename");
    }

    @Test
    void shouldValidateJsonFieldListsAndRenames() {
        String json = """
                {"name": "j", "format": "JSON", "taxonomy": {"alerts": {
                  "*": {"fields": ["user", "user", "a..b", 3], "rename": {"srcip": "src", "user": " "}},
                  "dlp": {"fields": [], "rename": {"a.b": "ab"}},
                  "malware": {"fields": ["x", "y"], "rename": {"x": "y"}}}}}
                """;

        assertThat(errorsOf(json))
                .containsExactly(
                        "taxonomy.alerts.*.fields[1]: 'user' is listed twice",
                        "taxonomy.alerts.*.fields[2]: must not have an empty segment (leading, trailing or doubled '.')",
                        "taxonomy.alerts.*.fields[3]: must be a string",
                        "taxonomy.alerts.*.rename.srcip: must be one of the listed fields",
                        "taxonomy.alerts.*.rename.user: must be a non-blank string",
                        "taxonomy.alerts.dlp.rename.a.b: when every field is kept, only top-level fields (no '.') can be"
                                + " renamed",
                        "taxonomy.alerts.malware.fields: 'y' clashes with a field renamed to the same name");
    }

    @Test
    void shouldValidateLeefHeadersAndDelimiters() {
        String leef = """
                {"name": "q", "format": "LEEF", "taxonomy": {"events": {
                  "page": {"header": {"vendor": {"default_value": "N"}, "product": {"default_value": "P"},
                           "version": {"default_value": "1"}, "delimiter": "="}, "attributes": {"dev time": {"default_value": 1}}},
                  "audit": {"header": {"vendor": {"default_value": "N"}, "product": {"default_value": "P"},
                           "version": {"default_value": "1"}, "eventId": {"default_value": "e"}, "delimiter": "xZZ"}}}}}
                """;

        assertThat(errorsOf(leef))
                .containsExactly(
                        "taxonomy.events.page.header.eventId: is required",
                        "taxonomy.events.page.header.delimiter: must not be a letter, digit, '_', '=', '|', '\\' or a"
                                + " line break",
                        "taxonomy.events.page.attributes.dev time: key must match [A-Za-z0-9_]+",
                        "taxonomy.events.audit.header.delimiter: must be one character or its hex code such as x09 or"
                                + " 0x5E");
    }

    @Test
    void shouldRejectMalformedJsonDuplicateKeysAndEmptyFiles() {
        assertThat(errorsOf("{\"name\": ")).singleElement().asString().startsWith("not valid JSON:");
        assertThat(errorsOf("{\"name\": \"a\", \"name\": \"b\"}"))
                .singleElement()
                .asString()
                .contains("Duplicate field 'name'");
        assertThat(errorsOf("[]")).containsExactly("a mapping file must be a JSON object");
        assertThat(errorsOf("{\"name\": \"x\", \"format\": \"CEF\", \"taxonomy\": {}}"))
                .containsExactly("taxonomy: must map at least one data type: alerts, events");
        assertThat(
                        errorsOf(
                                "{\"format\": \"CEF\", \"readOnly\": \"yes\", \"name\": \" \", \"taxonomy\": {\"alerts\": {}}}"))
                .containsExactly(
                        "name: must be 1 to 100 characters and not blank",
                        "readOnly: must be true or false",
                        "taxonomy.alerts: must be a non-empty object of subtypes");
    }

    @Test
    void shouldGuardInvariantsWhenBuiltInCode() {
        assertThatThrownBy(() -> new FieldSpec(null, null, Transformation.STRING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FieldSpec(
                        "x", com.fasterxml.jackson.databind.node.TextNode.valueOf("a"), Transformation.INTEGER))
                .hasMessageContaining("not a valid Integer");
        assertThatThrownBy(() -> new CefMapping(FieldSpecs.header(), Map.of("bad key", FieldSpec.field("x"))))
                .hasMessageContaining("must match");
        assertThatThrownBy(() -> new JsonMapping(List.of("a"), Map.of("b", "c")))
                .hasMessageContaining("listed fields");
        assertThatThrownBy(() -> new MappingFile(
                        "x",
                        "",
                        false,
                        Format.JSON,
                        Map.of(DataType.ALERTS, Map.of("malware", new CefMapping(FieldSpecs.header(), Map.of())))))
                .hasMessageContaining("CEF mapping in a JSON file");
    }

    /** Builders for the invariant test. */
    static final class FieldSpecs {
        static CefHeader header() {
            FieldSpec c = FieldSpec.constant("x");
            return new CefHeader(c, c, c, c, c, FieldSpec.constant("1"));
        }
    }
}
