package io.flinkops.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How oneOf/anyOf failures are narrowed to one problem (networknt reports every branch's errors). */
class CombinatorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "memory": {"oneOf": [
                  {"type": "string", "minLength": 2},
                  {"type": "object", "properties": {"size": {"type": "integer"}}, "additionalProperties": false}
                ]},
                "cpu": {"anyOf": [{"type": "number", "minimum": 0.1}, {"type": "string", "pattern": "^[0-9]+m$"}]},
                "nested": {"anyOf": [
                  {"type": "integer"},
                  {"type": "object", "properties": {"x": {"oneOf": [{"type": "boolean"}, {"$ref": "#/$defs/list"}]}}}
                ]},
                "both": {"oneOf": [{"type": "string"}, {"type": "string", "maxLength": 10}]}
              },
              "$defs": {"list": {"type": "array", "items": {"type": "string"}}}
            }
            """;

    private static List<Combinators.Selected<Error>> select(String instance) throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(SCHEMA));
        List<Combinators.Item<Error>> items = new ArrayList<>();
        for (Error e : schema.validate(JSON.readTree(instance))) {
            List<String> path = new ArrayList<>();
            for (int i = 0; i < e.getEvaluationPath().getNameCount(); i++) path.add(String.valueOf(e.getEvaluationPath().getElement(i)));
            items.add(new Combinators.Item<>(e, e.getKeyword(), e.getInstanceLocation().toString(), path));
        }
        return Combinators.select(items);
    }

    private static List<String> keywords(List<Combinators.Selected<Error>> selected) {
        return selected.stream().map(s -> s.error().getKeyword() + " " + s.error().getInstanceLocation()).toList();
    }

    @Test
    void aValueOfNoExpectedTypeGivesOneTypeErrorListingEveryType() throws Exception {
        List<Combinators.Selected<Error>> selected = select("{\"memory\": 5}");
        assertEquals(1, selected.size(), keywords(selected).toString());
        assertEquals(2, selected.get(0).typeErrors().size());
        List<String> expected = selected.get(0).typeErrors().stream().map(e -> e.getSchemaNode().asText()).toList();
        assertEquals(List.of("string", "object"), expected);
    }

    @Test
    void theBranchWhoseTypeMatchesIsTheOneReported() throws Exception {
        List<Combinators.Selected<Error>> selected = select("{\"memory\": {\"size\": \"big\", \"unit\": \"g\"}}");
        assertEquals(List.of("type /memory/size", "additionalProperties /memory"), keywords(selected));
        assertTrue(selected.stream().allMatch(s -> s.typeErrors().isEmpty()));
    }

    @Test
    void anyOfToo() throws Exception {
        assertEquals(List.of("minimum /cpu"), keywords(select("{\"cpu\": 0.01}")));
        assertEquals(List.of("pattern /cpu"), keywords(select("{\"cpu\": \"2 cores\"}")));
    }

    @Test
    void nestedCombinatorsAreNarrowedAtEveryLevel() throws Exception {
        List<Combinators.Selected<Error>> selected = select("{\"nested\": {\"x\": \"text\"}}");
        assertEquals(1, selected.size(), keywords(selected).toString());
        assertEquals("/nested/x", selected.get(0).error().getInstanceLocation().toString());
        assertEquals(2, selected.get(0).typeErrors().size(), "boolean, and the list behind a $ref");
        assertEquals(List.of("type /nested/x/0"), keywords(select("{\"nested\": {\"x\": [1]}}")));
    }

    @Test
    void oneOfWithSeveralMatchingBranchesKeepsItsSummary() throws Exception {
        assertEquals(List.of("oneOf /both"), keywords(select("{\"both\": \"short\"}")));
    }

    @Test
    void validInstancesHaveNothingToReport() throws Exception {
        assertEquals(List.of(), keywords(select("{\"memory\": \"2g\", \"cpu\": \"500m\", \"nested\": 3, \"both\": \"a much longer text\"}")));
    }
}
