package io.flinkops.logging;

import io.pebbletemplates.pebble.extension.escaper.EscapingStrategy;

/**
 * Escapes a value printed into a Java properties file (what log4j2 reads
 * {@code log4j-console.properties} with), so that a value can neither end its line nor start a new key,
 * whether it lands in a key or a value: backslash, line breaks, {@code = : # !} and spaces get a
 * backslash, other control and non-ASCII characters become {@code \}{@code uXXXX} (the file is read as
 * ISO-8859-1), and a log4j lookup {@code $}{@code {...}} is doubled to {@code $$}{@code {...}} so it stays text.
 */
public final class PropertiesEscaping implements EscapingStrategy {
    public static final String NAME = "properties";

    @Override
    public String escape(String input) {
        if (input == null) return null;
        StringBuilder out = new StringBuilder(input.length() + 8);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '=', ':', '#', '!', ' ' -> out.append('\\').append(c);
                case '$' -> out.append(i + 1 < input.length() && input.charAt(i + 1) == '{' ? "$$" : "$");
                default -> {
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.toString();
    }

    /**
     * The rendered file with every character outside ASCII written as {@code \}{@code uXXXX}, so that it reads
     * the same whatever charset it is loaded with. log4j loads {@code log4j-console.properties} with
     * {@code Properties.load(InputStream)}, which reads ISO-8859-1: a UTF-8 {@code é} written literally in a
     * template would reach the logs as {@code Ã©}. Printed values are already escaped ({@link #escape}); this
     * handles the template's own text. A character the template escapes with a backslash ({@code \}{@code é})
     * keeps its meaning: the escape becomes {@code \}{@code u00e9}. In comment lines the escape is just text.
     */
    public static String asciiOnly(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(text.length() + 16).append(text, 0, i);
            int backslashes = 0;
            while (backslashes < out.length() && out.charAt(out.length() - 1 - backslashes) == '\\') backslashes++;
            if (backslashes % 2 == 1) out.setLength(out.length() - 1);
            out.append(String.format("\\u%04x", (int) c));
        }
        return out == null ? text : out.toString();
    }
}
