package io.flinkops.flinkconfig;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"1|true", "2|true", " 3 |true", "0|false", "-1|false", "1.5|false", "two|false",
            "99999999999|false", "''|false"})
    void positiveIntegers(String value, boolean positive) {
        assertEquals(positive, ConfigValues.positiveInt(value).isPresent(), value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"0|0", "-4|-4", " 12 |12"})
    void integersAreTrimmedAsFlinkDoes(String value, int expected) {
        assertEquals(expected, ConfigValues.integer(value).orElseThrow(), value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"${DB_PASSWORD}|true", "s3://state/{{ deploymentId }}|true", "{{jobId}}|true",
            "s3://state/x|false", "$HOME|false", "{ a }|false", "''|false"})
    void deferredValuesAreFilledInLater(String value, boolean deferred) {
        assertEquals(deferred, ConfigValues.isDeferred(value), value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"true|true", " TRUE |true", "True|true", "false|false", "yes|false", "1|false", "''|false"})
    void booleansAreReadAsFlinkReadsThem(String value, boolean expected) {
        assertEquals(expected, ConfigValues.isTrue(value), value);
    }
}
