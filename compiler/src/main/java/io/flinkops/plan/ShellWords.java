package io.flinkops.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits VVP's one-string {@code mainArgs} into the argument list a POSIX shell would pass to a program,
 * without running anything: words are separated by unquoted blanks (space, tab, newline); single quotes keep
 * everything literally; inside double quotes a backslash escapes only {@code $ ` " \} and a newline (removed),
 * as in POSIX; outside quotes a backslash escapes any character, and a backslash-newline is removed (line
 * continuation). Quoted parts and adjacent text form one word, and {@code ''} or {@code ""} is an empty word.
 *
 * <p>Unlike a shell, nothing is expanded: {@code $NAME}, {@code $(…)}, backquotes, {@code ~} and globs
 * ({@code *}, {@code ?}) stay literal text, {@code #} does not start a comment, and {@code ; | & < >} are
 * ordinary characters. An unterminated quote, or a backslash at the very end, is an error.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** The text cannot be split: an unterminated quote or a trailing backslash. */
    public static final class SyntaxException extends Exception {
        private final int index;

        SyntaxException(String message, int index) {
            super(message);
            this.index = index;
        }

        /** 0-based index into the text of the character that starts the problem. */
        public int index() {
            return index;
        }
    }

    public static List<String> split(String text) throws SyntaxException {
        List<String> words = new ArrayList<>();
        if (text == null) return words;
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) throw new SyntaxException("the single quote at position " + (i + 1) + " is never closed", i);
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int start = i;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = text.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < n) {
                        char e = text.charAt(i + 1);
                        if (e == '$' || e == '`' || e == '"' || e == '\\') {
                            word.append(e);
                            i += 2;
                            continue;
                        }
                        if (e == '\n') {
                            i += 2;
                            continue;
                        }
                    }
                    word.append(d);
                    i++;
                }
                if (!closed) throw new SyntaxException("the double quote at position " + (start + 1) + " is never closed", start);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) throw new SyntaxException("the backslash at the end escapes nothing", i);
                char e = text.charAt(i + 1);
                if (e != '\n') {
                    word.append(e);
                    inWord = true;
                }
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }
}
