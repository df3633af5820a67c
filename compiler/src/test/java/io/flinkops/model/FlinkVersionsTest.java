package io.flinkops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlinkVersionsTest {

    @Test
    void everyOperatorVersionTheSchemaAllowsIsInTheTable() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(TestRepos.projectRoot().resolve("schemas/repository.schema.json").toFile());
        List<String> schemaVersions = new ArrayList<>();
        schema.at("/properties/spec/properties/operator/properties/version/enum").forEach(v -> schemaVersions.add(v.asText()));
        assertEquals(schemaVersions, List.copyOf(FlinkVersions.NEWEST_BY_OPERATOR.keySet()));
        assertTrue(FlinkVersions.knowsOperator(RepositorySpec.DEFAULT_OPERATOR_VERSION));
    }

    @Test
    void supportedRanges() {
        assertEquals(List.of("1.15", "1.16", "1.17", "1.18", "1.19"), FlinkVersions.supported("1.7"));
        assertEquals(List.of("1.15", "1.16", "1.17", "1.18", "1.19", "1.20"), FlinkVersions.supported("1.10"));
        assertEquals("1.15 to 1.20 and 2.0", FlinkVersions.describe(FlinkVersions.supported("1.12")));
        assertEquals("1.15 to 1.20 and 2.0 to 2.2", FlinkVersions.describe(FlinkVersions.supported("1.15")));
        assertTrue(FlinkVersions.isSupported("2.2", "1.15"));
        assertFalse(FlinkVersions.isSupported("2.3", "1.15"), "the 1.15.0 CRD stops at v2_2");
        assertFalse(FlinkVersions.isSupported("1.14", "1.15"));
        assertFalse(FlinkVersions.isSupported("2.1", "1.12"));
        assertFalse(FlinkVersions.isSupported("1.20", "1.3"));
        assertEquals(List.of(), FlinkVersions.supported("1.3"));
    }

    @Test
    void firstOperatorSupporting() {
        assertEquals(Optional.of("1.10"), FlinkVersions.firstOperatorSupporting("1.20"));
        assertEquals(Optional.of("1.13"), FlinkVersions.firstOperatorSupporting("2.1"));
        assertEquals(Optional.of("1.7"), FlinkVersions.firstOperatorSupporting("1.15"));
        assertEquals(Optional.empty(), FlinkVersions.firstOperatorSupporting("1.14"));
        assertEquals(Optional.empty(), FlinkVersions.firstOperatorSupporting("2.3"));
    }

    @Test
    void versionSyntax() {
        assertTrue(FlinkVersions.isMinorVersion("1.20"));
        assertFalse(FlinkVersions.isMinorVersion("1.20.1"));
        assertFalse(FlinkVersions.isMinorVersion("v1_20"));
        assertEquals(Optional.of("1.20"), FlinkVersions.minorOfPatch("1.20.1"));
        assertEquals(Optional.empty(), FlinkVersions.minorOfPatch("1.20"));
        assertEquals("v1_20", FlinkVersions.enumName("1.20"));
    }
}
