package io.flinkops.quantity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemorySizeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0",
            "1024|1024",
            "1b|1",
            "10 bytes|10",
            "1k|1024",
            "1KB|1024",
            "2 kibibytes|2048",
            "1m|1048576",
            "1024m|1073741824",
            "1024M|1073741824",
            "2048mb|2147483648",
            "3 MeBiBytes|3145728",
            "2g|2147483648",
            "2G|2147483648",
            "2gb|2147483648",
            "1 gibibytes|1073741824",
            "1t|1099511627776",
            "1TB|1099511627776",
            "1 tebibytes|1099511627776",
            "'  2g  '|2147483648",
            "007m|7340032",
    })
    void flinkReadsItsUnitsCaseInsensitivelyAndBinary(String text, long bytes) {
        FlinkMemorySize.Result r = FlinkMemorySize.parse(text);
        assertTrue(r.ok(), text + ": " + r.error());
        assertEquals(bytes, r.bytes(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "g", "1.5g", "2Gi", "2gib", "2 GiB", "-1g", "1e3", "2p", "2x",
            "99999999999999999999", "9999999999999t", "1 g b"})
    void flinkRejects(String text) {
        assertFalse(FlinkMemorySize.parse(text).ok(), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0",
            "1024|1024",
            "1Ki|1024",
            "2Mi|2097152",
            "2Gi|2147483648",
            "1Ti|1099511627776",
            "1Pi|1125899906842624",
            "1Ei|1152921504606846976",
            "1k|1000",
            "2M|2000000",
            "2G|2000000000",
            "1T|1000000000000",
            "1P|1000000000000000",
            "1E|1000000000000000000",
            "1024m|1.024",
            "500u|0.0005",
            "3n|0.000000003",
            "1e3|1000",
            "1E3|1000",
            "1e+3|1000",
            "15e-1|1.5",
            "1.5Gi|1610612736",
            "0.5Gi|536870912",
            ".5Gi|536870912",
            "5.Gi|5368709120",
            "+2Gi|2147483648",
            "-1Gi|-1073741824",
    })
    void kubernetesReadsQuantities(String text, String value) {
        KubernetesQuantity.Result r = KubernetesQuantity.parse(text);
        assertTrue(r.ok(), text + ": " + r.error());
        assertEquals(0, new BigDecimal(value).compareTo(r.value()), text + " = " + r.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " 2Gi", "2Gi ", "2 Gi", "2g", "2gi", "2GI", "2GiB", "2K", "2mb", "2t", "Gi", ".", "1e",
            "1e3.5", "1e99999999999", "1e1001", "2KiB", "1,5Gi", "0x10"})
    void kubernetesRejects(String text) {
        assertFalse(KubernetesQuantity.parse(text).ok(), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2g|2147483648",
            "2Gi|2147483648",
            "2G|2147483648",       // Flink first, as the operator
            "1024m|1073741824",    // Flink first: not 1.024 bytes
            "1.5Gi|1610612736",
            "1e9|1000000000",
            "2048mb|2147483648",
    })
    void theOperatorReadsFlinkFirst(String text, long bytes) {
        assertEquals(Optional.of(bytes), MemorySize.of(text).bytes(), text);
        assertTrue(MemorySize.of(text).problem().isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5g", "2gib", "-1Gi", "1.5m", "1500u", "lots", "", "1e30"})
    void invalidValuesHaveAProblemAndNoBytes(String text) {
        MemorySize m = MemorySize.of(text);
        assertTrue(m.bytes().isEmpty(), text);
        assertTrue(m.problem().isPresent(), text);
    }

    @Test
    void fractionalBytesAreNamed() {
        assertEquals(Optional.of("is 0.0015 bytes to Kubernetes, not a whole number of bytes"), MemorySize.of("1.5m").problem());
        assertEquals(Optional.of("is negative"), MemorySize.of("-1Gi").problem());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2G", "1024m", "1024M", "500k", "1T", "3m"})
    void ambiguousWhenBothReadDifferentAmounts(String text) {
        assertTrue(MemorySize.of(text).ambiguous(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2g", "2gb", "2048mb", "2Gi", "1024Mi", "2t", "500kb", "500Ki", "1024", "0", "0m", "0k",
            "1e3", "1.5Gi", "2 G", "2K"})
    void notAmbiguous(String text) {
        assertFalse(MemorySize.of(text).ambiguous(), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2G|2g",
            "1024m|1g",
            "1536m|1536mb",
            "500k|500kb",
            "1.5Gi|1536mb",
            "1000|1000b",
            "0|0b",
            "1T|1t",
    })
    void flinkStringUsesUnambiguousUnits(String text, String flink) {
        MemorySize m = MemorySize.of(text);
        assertEquals(Optional.of(flink), m.toFlinkString(), text);
        assertTrue(FlinkMemorySize.parse(flink).ok());
        assertFalse(MemorySize.of(flink).ambiguous(), flink);
        assertEquals(m.bytes().orElseThrow(), FlinkMemorySize.parse(flink).bytes());
    }

    @Test
    void describesAmounts() {
        assertEquals("2147483648 bytes (2 GiB)", MemorySize.describe(2147483648L));
        assertEquals("1610612736 bytes (1536 MiB)", MemorySize.describe(1610612736L));
        assertEquals("512000 bytes (500 KiB)", MemorySize.describe(512000L));
        assertEquals("2000000000 bytes", MemorySize.describe(2000000000L));
        assertEquals("1000 bytes", MemorySize.describe(1000L));
        assertEquals("1 byte", MemorySize.describe(1L));
        assertEquals("1.024 bytes", MemorySize.describe(new BigDecimal("1.024")));
        assertEquals("0 bytes", MemorySize.describe(0L));
    }
}
