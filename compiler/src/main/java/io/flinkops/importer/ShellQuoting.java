package io.flinkops.importer;

import io.flinkops.plan.ShellWords;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The inverse of {@link ShellWords}: program arguments ({@code job.args}) as one string ({@code mainArgs}) that
 * splits back into the same arguments. Words of plain characters stay bare, others are single-quoted (a quote in
 * them as {@code '\''}), an empty argument is {@code ''}.
 */
final class ShellQuoting {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    static String join(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String a : args) words.add(quote(a));
        return String.join(" ", words);
    }

    static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) return arg;
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
