package org.opence.mapping.field;

import java.math.BigInteger;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberTextTest {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Test
    void shouldKeepExactlyTheIntegersFromTheSmallestSignedToTheLargestUnsigned64BitValue() {
        assertThat(NumberText.canonicalInteger("18446744073709551615")).isEqualTo("18446744073709551615");
        assertThat(NumberText.canonicalInteger("18446744073709551616")).isNull();
        assertThat(NumberText.canonicalInteger("-9223372036854775808")).isEqualTo("-9223372036854775808");
        assertThat(NumberText.canonicalInteger("-9223372036854775809")).isNull();
        assertThat(NumberText.canonicalInteger("0009999999999999999999")).isEqualTo("9999999999999999999");
        assertThat(NumberText.canonicalInteger("99999999999999999999")).isNull();
        assertThat(NumberText.canonicalInteger("-18446744073709551615")).isNull();
        assertThat(NumberText.canonicalInteger("00018446744073709551615.00")).isEqualTo("18446744073709551615");
        assertThat(NumberText.canonicalInteger("-0")).isEqualTo("0");
    }

    @Test
    void shouldAgreeWithBigIntegerOnEveryLengthAroundTheLimits() {
        Random random = new Random(64);
        for (int i = 0; i < 200_000; i++) {
            int length = 18 + random.nextInt(3);
            StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
            for (int d = 1; d < length; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            // near the limits half of the time
            String text = random.nextBoolean() ? digits.toString() : nearLimit(random);
            String canonical = random.nextBoolean() ? "-" + text : text;
            BigInteger value = new BigInteger(canonical);
            boolean expected = value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
            assertThat(NumberText.fits64(canonical)).as(canonical).isEqualTo(expected);
        }
    }

    private static String nearLimit(Random random) {
        BigInteger base = random.nextBoolean() ? MAX : MIN.negate();
        return base.add(BigInteger.valueOf(random.nextInt(2001) - 1000)).toString();
    }
}
