package org.opence.plugins.syslog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageEncoderTest {

    private static final long AT = Instant.parse("2024-05-01T09:30:00.123Z").toEpochMilli();
    private static final String CEF = "CEF:0|Netskope|Netskope|1.0|malware|Malware alert|8|src=10.0.0.1 act=block";

    @Test
    void shouldWriteTheRfc5424HeaderWithPriorityUtcMillisecondsAndNilValues() {
        MessageEncoder encoder = rfc5424(134, "ce.example.org", "opence", 65_536, false);
        encoder.messageId("malware");

        assertThat(encode(encoder, CEF, AT))
                .isEqualTo("<134>1 2024-05-01T09:30:00.123Z ce.example.org opence - malware - " + CEF);
    }

    @Test
    void shouldComputeThePriorityFromFacilityAndSeverity() {
        assertThat(encode(rfc5424(0, "h", "a", 65_536, false), "m", AT)).startsWith("<0>1 ");
        assertThat(encode(rfc5424(23 * 8 + 7, "h", "a", 65_536, false), "m", AT))
                .startsWith("<191>1 ");
        assertThat(encode(rfc3164(16 * 8 + 6, ZoneOffset.UTC), "m", AT)).startsWith("<134>May");
    }

    @Test
    void shouldKeepTheTimestampExactAcrossMillisecondsSecondsAndYears() {
        MessageEncoder encoder = rfc5424(134, "h", "a", 65_536, false);

        assertThat(encode(encoder, "m", AT + 884)).contains(" 2024-05-01T09:30:01.007Z ");
        assertThat(encode(encoder, "m", AT + 885)).contains(" 2024-05-01T09:30:01.008Z ");
        assertThat(encode(
                        encoder, "m", Instant.parse("2023-12-31T23:59:59.999Z").toEpochMilli()))
                .contains(" 2023-12-31T23:59:59.999Z ");
        assertThat(encode(encoder, "m", Instant.parse("2024-01-01T00:00:00Z").toEpochMilli()))
                .contains(" 2024-01-01T00:00:00.000Z ");
    }

    @Test
    void shouldWriteNilForAMissingMessageIdAndFitADerivedOne() {
        MessageEncoder encoder = rfc5424(134, "h", "app", 65_536, false);

        encoder.messageId(null);
        assertThat(encode(encoder, "m", AT)).endsWith(" h app - - - m");
        encoder.messageId("  ");
        assertThat(encode(encoder, "m", AT)).endsWith(" h app - - - m");
        encoder.messageId("policy violation");
        assertThat(encode(encoder, "m", AT)).endsWith(" h app - policy_violation - m");
        encoder.messageId("x".repeat(40));
        assertThat(encode(encoder, "m", AT)).endsWith(" h app - " + "x".repeat(32) + " - m");
        encoder.messageId("dépôt");
        assertThat(encode(encoder, "m", AT)).endsWith(" h app - d_p_t - m");
    }

    @Test
    void shouldLeaveOutTheSpaceBeforeAnEmptyMessage() {
        MessageEncoder encoder = rfc5424(134, "h", "app", 65_536, false);
        encoder.messageId("page");

        assertThat(encode(encoder, "", AT)).isEqualTo("<134>1 2024-05-01T09:30:00.123Z h app - page -");
    }

    @Test
    void shouldEncodeTheMessageAsUtf8WithoutAByteOrderMark() {
        String text = "CEF:0|Netskope|Netskope|1.0|x|Zugriff für José € 😀|3|msg=日本";
        MessageEncoder encoder = rfc5424(134, "h", "app", 65_536, false);
        encoder.messageId("page");

        byte[] header = "<134>1 2024-05-01T09:30:00.123Z h app - page - ".getBytes(StandardCharsets.US_ASCII);
        int length = encoder.encode(text, AT);
        byte[] msg = Arrays.copyOfRange(encoder.bytes(), header.length, length);

        assertThat(Arrays.copyOf(encoder.bytes(), header.length)).isEqualTo(header);
        assertThat(msg).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(msg[0]).isEqualTo((byte) 'C');
    }

    @Test
    void shouldReplaceALoneSurrogateAsJavaDoes() {
        String broken = "a\uD800b\uDC00c";
        MessageEncoder encoder = rfc5424(134, "h", "app", 65_536, false);

        assertThat(encode(encoder, broken, AT)).endsWith(" - a?b?c");
        assertThat(encode(encoder, broken, AT).getBytes(StandardCharsets.UTF_8))
                .endsWith(broken.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldCutALongMessageToTheLimitAtACharacterBoundary() throws CharacterCodingException {
        MessageEncoder encoder = rfc5424(134, "h", "app", 480, false);

        int length = encoder.encode("x".repeat(1000), AT);
        assertThat(length).isEqualTo(480);
        assertThat(encoder.truncated()).isTrue();

        for (String unit : new String[] {"é", "€", "😀"}) {
            length = encoder.encode(unit.repeat(400), AT);
            assertThat(length)
                    .isLessThanOrEqualTo(480)
                    .isGreaterThan(480 - unit.getBytes(StandardCharsets.UTF_8).length);
            assertThat(encoder.truncated()).isTrue();
            String decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(encoder.bytes(), 0, length))
                    .toString();
            assertThat(decoded).endsWith(unit + unit);
        }

        assertThat(encoder.encode("short", AT)).isLessThan(480);
        assertThat(encoder.truncated()).isFalse();
    }

    @Test
    void shouldReplaceLineFeedsOnlyForNewlineFraming() {
        String text = "{\"a\":1}\nsecond line\r\nthird";

        assertThat(encode(rfc5424(134, "h", "app", 65_536, true), text, AT))
                .endsWith(" - {\"a\":1} second line\r third")
                .doesNotContain("\n");
        assertThat(encode(rfc5424(134, "h", "app", 65_536, false), text, AT)).endsWith(" - " + text);
    }

    @Test
    void shouldWriteTheRfc3164HeaderWithASpacePaddedDayInLocalTime() {
        MessageEncoder utc = rfc3164(134, ZoneOffset.UTC);
        assertThat(encode(utc, CEF, AT)).isEqualTo("<134>May  1 09:30:00 ce.example.org opence: " + CEF);
        assertThat(encode(utc, "m", Instant.parse("2024-12-10T23:05:09.999Z").toEpochMilli()))
                .isEqualTo("<134>Dec 10 23:05:09 ce.example.org opence: m");

        MessageEncoder newYork = rfc3164(134, ZoneId.of("America/New_York"));
        assertThat(encode(newYork, "m", AT)).isEqualTo("<134>May  1 05:30:00 ce.example.org opence: m");
        assertThat(encode(newYork, "m", Instant.parse("2024-01-01T03:00:00Z").toEpochMilli()))
                .isEqualTo("<134>Dec 31 22:00:00 ce.example.org opence: m");
    }

    @Test
    void shouldUseTheLocalHostNameWhenNoneIsConfigured() {
        String local = HeaderFields.localHostname();

        assertThat(local).isNotBlank().hasSizeLessThanOrEqualTo(255);
        assertThat(HeaderFields.printable(local)).isTrue();
        assertThat(encode(rfc5424(134, "", "app", 65_536, false), "m", AT))
                .isEqualTo("<134>1 2024-05-01T09:30:00.123Z " + local + " app - - - m");
    }

    @Test
    void shouldCheckHeaderFieldsAgainstTheRfcLimits() {
        assertThat(HeaderFields.problem("h".repeat(255), HeaderFields.HOSTNAME_MAX))
                .isNull();
        assertThat(HeaderFields.problem("h".repeat(256), HeaderFields.HOSTNAME_MAX))
                .contains("at most 255");
        assertThat(HeaderFields.problem("a".repeat(48), HeaderFields.APP_NAME_MAX))
                .isNull();
        assertThat(HeaderFields.problem("a".repeat(49), HeaderFields.APP_NAME_MAX))
                .contains("at most 48");
        assertThat(HeaderFields.problem("my app", HeaderFields.APP_NAME_MAX)).contains("printable US-ASCII");
        assertThat(HeaderFields.problem("appé", HeaderFields.APP_NAME_MAX)).contains("printable US-ASCII");
        assertThat(HeaderFields.fit("p".repeat(200), HeaderFields.PROCID_MAX)).hasSize(128);
        assertThat(HeaderFields.tagProblem("t".repeat(32))).isNull();
        assertThat(HeaderFields.tagProblem("t".repeat(33))).contains("at most 32");
        assertThat(HeaderFields.tagProblem("app:x")).contains("':'");
    }

    private static MessageEncoder rfc5424(int priority, String host, String app, int limit, boolean newline) {
        return new MessageEncoder(Format.RFC5424, priority, host, app, limit, newline, ZoneOffset.UTC);
    }

    private static MessageEncoder rfc3164(int priority, ZoneId zone) {
        return new MessageEncoder(Format.RFC3164, priority, "ce.example.org", "opence", 65_536, false, zone);
    }

    private static String encode(MessageEncoder encoder, String message, long at) {
        int length = encoder.encode(message, at);
        return new String(encoder.bytes(), 0, length, StandardCharsets.UTF_8);
    }
}
