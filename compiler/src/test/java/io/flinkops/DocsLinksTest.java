package io.flinkops;

import io.flinkops.testing.TestRepos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link in README.md and docs/*.md leads somewhere: the file exists, and a `#fragment` names a heading
 * of the linked page the way GitHub makes heading anchors (lower case, punctuation dropped, spaces to `-`).
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    @Test
    void relativeLinksAndTheirAnchorsResolve() throws IOException {
        Path root = TestRepos.projectRoot();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() > 20, pages.toString());
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            String text = withoutCodeBlocks(Files.readString(page));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("<")) continue; // http:, mailto:, ...
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = root.relativize(page) + ": " + target;
                if (!Files.exists(linked)) {
                    broken.add(where + " (no such file)");
                } else if (anchor != null && linked.toString().endsWith(".md") && !anchors(linked).contains(anchor)) {
                    broken.add(where + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertEquals("the-json-format-of-validate", slug("The JSON format of `validate`"));
        assertEquals("1-install", slug("1. Install"));
        assertEquals("fo0xx-files-and-yaml", slug("FO0xx: files and YAML"));
    }

    private static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        for (String line : Files.readString(page).replaceAll("(?s)```.*?```", "").split("\n")) {
            Matcher h = HEADING.matcher(line);
            if (!h.matches()) continue;
            String slug = slug(h.group(1));
            // GitHub numbers repeated headings: slug, slug-1, slug-2 ...
            String unique = slug;
            for (int i = 1; !out.add(unique); i++) unique = slug + "-" + i;
        }
        return out;
    }

    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The text outside code blocks and inline code, where `[a-z](...)` is a pattern, not a link. */
    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    }
}
