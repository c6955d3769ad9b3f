package org.opence.mapping.field;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opence.mapping.Transformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TransformationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String apply(Transformation t, String jsonValue) {
        return Transformations.apply(t, json(jsonValue));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "42; 42",
                "-7; -7",
                "9007199254740993; 9007199254740993",
                "'\"9007199254740993\"'; 9007199254740993",
                "9223372036854775807; 9223372036854775807",
                "18446744073709551615; 18446744073709551615",
                "-9223372036854775808; -9223372036854775808",
                "'\" +0042 \"'; 42",
                "'\"-0\"'; 0",
                "'\"12.000\"'; 12",
                "5.0; 5",
                "1E3; 1000"
            })
    void shouldReadIntegersExactly(String input, String expected) {
        assertThat(apply(Transformation.INTEGER, input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5.5",
                "\"5.5\"",
                "\"12abc\"",
                "\"1e3\"",
                "\"0x10\"",
                "\"\"",
                "\"-\"",
                "true",
                "[1]",
                "{\"a\":1}",
                "18446744073709551616",
                "\"-9223372036854775809\"",
                "1e400"
            })
    void shouldRejectWhatIsNoIntegerOrDoesNotFitSixtyFourBits(String input) {
        assertThat(apply(Transformation.INTEGER, input)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {"1.5; 1.5", "'\"-2.25\"'; -2.25", "3; 3.0", "'\"1e3\"'; 1000.0", "'\".5\"'; 0.5", "'\" 7 \"'; 7.0"
            })
    void shouldReadFloatingPointNumbers(String input, String expected) {
        assertThat(apply(Transformation.FLOATING_POINT, input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"NaN\"", "\"Infinity\"", "\"1d\"", "\"0x1p3\"", "\"1e999\"", "\"abc\"", "\".\"", "true"})
    void shouldRejectWhatIsNoFloatingPointNumber(String input) {
        assertThat(apply(Transformation.FLOATING_POINT, input)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "10.0.0.1; 10.0.0.1",
                "' 192.168.1.255 '; 192.168.1.255",
                "0.0.0.0; 0.0.0.0",
                "2001:0db8:0000:0000:0000:0000:0000:0001; 2001:db8::1",
                "2001:DB8::0:1; 2001:db8::1",
                "::; ::",
                "::1; ::1",
                "1::; 1::",
                "fe80:0:0:0:1:0:0:0; fe80::1:0:0:0",
                "2001:db8:0:1:1:1:1:1; 2001:db8:0:1:1:1:1:1",
                "1:0:0:2:0:0:0:3; 1:0:0:2::3",
                "::ffff:10.1.2.3; ::ffff:10.1.2.3",
                "::FFFF:0a01:0203; ::ffff:10.1.2.3",
                "64:ff9b::192.0.2.33; 64:ff9b::c000:221"
            })
    void shouldValidateAndCanonicaliseIpAddresses(String input, String expected) {
        assertThat(IpAddresses.canonical(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "010.0.0.1",
                "1.2.3.",
                "a.b.c.d",
                "1..2.3",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1::2::3",
                ":::",
                "12345::",
                "fe80::1%eth0",
                "[::1]",
                "::1.2.3",
                "1.2.3.4::",
                "g::1",
                "1:2:3:4:5:6:7::8",
                "١٢.٠.٠.١",
                ""
            })
    void shouldRejectWhatIsNoIpAddress(String input) {
        assertThat(IpAddresses.canonical(input)).isNull();
    }

    @Test
    void shouldRejectIpAddressesHeldAsNumbers() {
        assertThat(apply(Transformation.IP_ADDRESS, "167772161")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF", "aabb.ccdd.eeff", "AaBbCcDdEeFf", " aa:bb:cc:dd:ee:ff "
            })
    void shouldNormaliseMacAddresses(String input) {
        assertThat(MacAddresses.canonical(input)).isEqualTo("aa:bb:cc:dd:ee:ff");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "aa:bb:cc:dd:ee",
                "aa:bb-cc:dd:ee:ff",
                "gg:bb:cc:dd:ee:ff",
                "aabb.ccdd-eeff",
                "aa:bb:cc:dd:ee:ff:00",
                "aabbccddeef",
                "a:b:c:d:e:f"
            })
    void shouldRejectWhatIsNoMacAddress(String input) {
        assertThat(MacAddresses.canonical(input)).isNull();
    }

    @Test
    void shouldWriteStringsOfEveryKindOfValue() {
        assertThat(apply(Transformation.STRING, "\"text\"")).isEqualTo("text");
        assertThat(apply(Transformation.STRING, "9007199254740993")).isEqualTo("9007199254740993");
        assertThat(apply(Transformation.STRING, "123456789012345678901234567890"))
                .isEqualTo("123456789012345678901234567890");
        assertThat(apply(Transformation.STRING, "1.5")).isEqualTo("1.5");
        assertThat(apply(Transformation.STRING, "false")).isEqualTo("false");
        assertThat(apply(Transformation.STRING, "[\"a\",2,null,true]")).isEqualTo("a,2,,true");
        assertThat(apply(Transformation.STRING, "[{\"a\":1}]")).isEqualTo("[{\"a\":1}]");
        assertThat(apply(Transformation.STRING, "{\"a\":[1,2]}")).isEqualTo("{\"a\":[1,2]}");
    }
}
