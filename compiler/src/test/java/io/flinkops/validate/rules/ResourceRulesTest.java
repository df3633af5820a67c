package io.flinkops.validate.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.5g|Flink memory sizes are whole numbers: write `1536mb`, or the Kubernetes quantity `1.5Gi`.",
            "0.5 GB|Flink memory sizes are whole numbers: write `512mb`, or the Kubernetes quantity `0.5Gi`.",
            "1.5m|Flink memory sizes are whole numbers: write `1536kb`, or the Kubernetes quantity `1.5Mi`.",
            "2gib|Write the Kubernetes quantity `2Gi` (capital letter, `i`, no `B`) or the Flink size `2g`.",
            "2 GiB|Write the Kubernetes quantity `2Gi` (capital letter, `i`, no `B`) or the Flink size `2g`.",
            "1536MI|Write the Kubernetes quantity `1536Mi` (capital letter, `i`, no `B`) or the Flink size `1536mb`.",
    })
    void memoryHintsSuggestTheLikelySpelling(String memory, String hint) {
        assertEquals(hint, ResourceRules.memoryHint(memory));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "", "99999999999999999999999.5t", "0.0000000001k", "1.5x", "2GB RAM"})
    void memoryHintsNeverFail(String memory) {
        assertTrue(ResourceRules.memoryHint(memory).startsWith("Write") || ResourceRules.memoryHint(memory).startsWith("Flink"));
    }
}
