package io.flinkops.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Predicate;

/**
 * Converts positioned YAML trees to Jackson trees for the schema validator and the typed model.
 * Nulls in mappings are dropped: in flinkops a null means "absent here" (it removes an inherited default).
 * Aliases, which the reader reports and reads as absent values, are dropped from lists too.
 */
public final class YamlJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private YamlJson() {
    }

    public static JsonNode toJson(YNode node) {
        return toJson(node, "", p -> false);
    }

    /**
     * @param textUnder pointers of mappings whose scalar values stay as written text, e.g. flinkConfiguration,
     *                  where {@code 1.10} must not become the number 1.1
     */
    public static JsonNode toJson(YNode node, String pointer, Predicate<String> textUnder) {
        if (node instanceof YMap m) {
            ObjectNode o = F.objectNode();
            boolean asText = textUnder.test(pointer);
            m.entries().forEach((k, e) -> {
                if (e.value().isNull()) return;
                String child = JsonPointers.append(pointer, k);
                o.set(k, asText && e.value() instanceof YScalar s ? F.textNode(s.text()) : toJson(e.value(), child, textUnder));
            });
            return o;
        }
        if (node instanceof YSeq s) {
            ArrayNode a = F.arrayNode();
            for (int i = 0; i < s.items().size(); i++) {
                if (s.items().get(i) instanceof YScalar item && item.isAliasPlaceholder()) continue; // reported by the reader
                a.add(toJson(s.items().get(i), JsonPointers.append(pointer, i), textUnder));
            }
            return a;
        }
        return scalar((YScalar) node);
    }

    private static JsonNode scalar(YScalar s) {
        String t = s.text();
        try {
            return switch (s.type()) {
                case STRING -> F.textNode(t);
                case NULL -> F.nullNode();
                case BOOL -> F.booleanNode(t.equalsIgnoreCase("true") || t.equalsIgnoreCase("yes") || t.equalsIgnoreCase("on") || t.equalsIgnoreCase("y"));
                case INT -> integer(t);
                case FLOAT -> F.numberNode(new BigDecimal(t.replace("_", "")));
            };
        } catch (NumberFormatException e) {
            // YAML forms Java cannot parse (.inf, 0x1F, 0o17): keep the text; the schema reports the type.
            return F.textNode(t);
        }
    }

    /** YAML 1.1 integers, as the parser recognises them: decimal, 0x hex, 0b binary, 0-prefixed octal, with _ and a sign. */
    private static JsonNode integer(String t) {
        String clean = t.replace("_", "");
        boolean negative = clean.startsWith("-");
        if (clean.startsWith("-") || clean.startsWith("+")) clean = clean.substring(1);
        BigInteger v;
        if (clean.startsWith("0x") || clean.startsWith("0X")) v = new BigInteger(clean.substring(2), 16);
        else if (clean.startsWith("0o")) v = new BigInteger(clean.substring(2), 8);
        else if (clean.startsWith("0b")) v = new BigInteger(clean.substring(2), 2);
        else if (clean.length() > 1 && clean.startsWith("0")) v = new BigInteger(clean.substring(1), 8);
        else v = new BigInteger(clean);
        if (negative) v = v.negate();
        return v.bitLength() < 32 ? F.numberNode(v.intValue()) : v.bitLength() < 64 ? F.numberNode(v.longValue()) : F.numberNode(v);
    }
}
