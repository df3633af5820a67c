package io.flinkops.validate.rules.podsecurity;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * How the checks read a security setting of a rendered pod: only a value of the type Kubernetes expects counts;
 * a value of another type is FO802's to report, so here it is as good as absent.
 */
final class Setting {

    private Setting() {
    }

    static boolean isTrue(JsonNode node) {
        return node.isBoolean() && node.booleanValue();
    }

    static boolean isFalse(JsonNode node) {
        return node.isBoolean() && !node.booleanValue();
    }

    static boolean isZero(JsonNode node) {
        return node.isIntegralNumber() && node.asLong() == 0;
    }

    /** The elements of a list, or none when the value is not a list. */
    static List<JsonNode> items(JsonNode list) {
        List<JsonNode> out = new ArrayList<>();
        if (list.isArray()) list.forEach(out::add);
        return out;
    }

    static boolean contains(JsonNode list, String value) {
        for (JsonNode item : items(list)) {
            if (item.isTextual() && item.asText().equals(value)) return true;
        }
        return false;
    }
}
