package org.opence.mapping.format;

import org.junit.jupiter.api.Test;
import org.opence.mapping.FieldSpec;
import org.opence.mapping.LeefHeader;
import org.opence.mapping.Transformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opence.mapping.format.FormatterFixtures.fields;
import static org.opence.mapping.format.FormatterFixtures.leef;
import static org.opence.mapping.format.FormatterFixtures.record;

class LeefFormatterTest {

    private static LeefHeader header(char delimiter) {
        return new LeefHeader(
                FieldSpec.constant("Netskope"),
                FieldSpec.constant("Security Cloud"),
                FieldSpec.constant("1.0"),
                FieldSpec.field("alert_type", "alert"),
                delimiter);
    }

    @Test
    void shouldWriteTabDelimitedAttributesAndNameTheTabByItsHexCode() {
        RecordFormatter f = leef(
                header(LeefHeader.DEFAULT_DELIMITER),
                fields("src", FieldSpec.field("srcip", Transformation.IP_ADDRESS), "usrName", FieldSpec.field("user")));

        String line = f.format(record("{\"alert_type\":\"malware\",\"srcip\":\"10.0.0.1\",\"user\":\"a@b.c\"}"));

        assertThat(line).isEqualTo("LEEF:2.0|Netskope|Security Cloud|1.0|malware|x09|src=10.0.0.1\tusrName=a@b.c");
    }

    @Test
    void shouldWriteAPrintableDelimiterAsItself() {
        RecordFormatter f = leef(header('^'), fields("a", FieldSpec.field("a"), "b", FieldSpec.field("b")));

        assertThat(f.format(record("{\"a\":\"1\",\"b\":\"2\"}")))
                .isEqualTo("LEEF:2.0|Netskope|Security Cloud|1.0|alert|^|a=1^b=2");
    }

    @Test
    void shouldReplaceTheDelimiterAndLineBreaksInsideValuesWithSpaces() {
        RecordFormatter f = leef(header('^'), fields("msg", FieldSpec.field("m"), "url", FieldSpec.field("u")));

        String line = f.format(record("{\"m\":\"a^b\\tc\\nd\\re\",\"u\":\"x=y|z\"}"));

        assertThat(line).endsWith("|^|msg=a b\tc d e^url=x=y|z");
        String attributes = line.substring(line.indexOf("|^|") + 3);
        assertThat(attributes.split("\\^")).containsExactly("msg=a b\tc d e", "url=x=y|z");
    }

    @Test
    void shouldReplaceTabsInValuesWhenTabIsTheDelimiter() {
        RecordFormatter f = leef(header('\t'), fields("msg", FieldSpec.field("m"), "n", FieldSpec.constant("2")));

        String line = f.format(record("{\"m\":\"one\\ttwo\"}"));

        assertThat(line.substring(line.indexOf("|x09|") + 5).split("\t")).containsExactly("msg=one two", "n=2");
    }

    @Test
    void shouldUseUnderscoreWhenTheDelimiterIsASpace() {
        RecordFormatter f = leef(header(' '), fields("msg", FieldSpec.field("m")));

        assertThat(f.format(record("{\"m\":\"a b\"}"))).endsWith("|x20|msg=a_b");
    }

    @Test
    void shouldEscapePipesAndBackslashesInTheHeader() {
        RecordFormatter f = leef(header('^'), fields());

        assertThat(f.format(record("{\"alert_type\":\"a|b\\\\c\"}")))
                .startsWith("LEEF:2.0|Netskope|Security Cloud|1.0|a\\|b\\\\c|^|");
    }

    @Test
    void shouldWriteEpochDevTimeAsADateWithItsFormat() {
        RecordFormatter f =
                leef(header('^'), fields("devTime", FieldSpec.field("timestamp"), "cat", FieldSpec.constant("x")));

        String line = f.format(record("{\"timestamp\":1717000000}"));

        assertThat(line)
                .endsWith("|^|devTime=May 29 2024 16:26:40.000 UTC^devTimeFormat=MMM dd yyyy HH:mm:ss.SSS zzz^cat=x");
    }

    @Test
    void shouldLeaveDevTimeAloneWhenTheMappingNamesItsFormat() {
        RecordFormatter f = leef(
                header('^'),
                fields("devTime", FieldSpec.field("timestamp"), "devTimeFormat", FieldSpec.constant("epoch")));

        assertThat(f.format(record("{\"timestamp\":1717000000}")))
                .endsWith("|^|devTime=1717000000^devTimeFormat=epoch");
    }

    @Test
    void shouldWriteANonEpochDevTimeUnchanged() {
        RecordFormatter f = leef(header('^'), fields("devTime", FieldSpec.field("t")));

        assertThat(f.format(record("{\"t\":\"Jun 01 2024 10:00:00\"}"))).endsWith("|^|devTime=Jun 01 2024 10:00:00");
    }
}
