package dev.vigil.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every link of the project's Markdown to one of its own files points at a file that exists: inline
 * links ({@code [text](path)}), reference definitions ({@code [name]: path}), and docs named in code
 * spans (a doc named as {@code `DESIGN.md`} or {@code `docs/versions.md`} is a link a reader follows
 * by hand). Web addresses and in-page anchors are not checked: that needs the network.
 */
class MarkdownLinksTest {

    private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s|$)");
    /** A path with a folder, or a capitalised name such as {@code README.md}; {@code report.md} is an output, not a doc. */
    private static final Pattern MARKDOWN_IN_CODE = Pattern.compile("`([\\w.-]*/[\\w./-]+\\.md|[A-Z][A-Z_-]*\\.md)`");

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");

    @Test
    void everyLinkToAFileOfTheRepositoryResolves() {
        List<Path> documents = Repository.files(".md");
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            String text = FENCE.matcher(Repository.read(document)).replaceAll("");
            for (Pattern pattern : List.of(INLINE, REFERENCE)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    String target = m.group(1);
                    if (isLocal(target) && !exists(document, withoutAnchor(target), false)) {
                        broken.add(document + " -> " + target);
                    }
                }
            }
            Matcher named = MARKDOWN_IN_CODE.matcher(text);
            while (named.find()) {
                if (!exists(document, named.group(1), true)) {
                    broken.add(document + " -> `" + named.group(1) + "`");
                }
            }
        }

        assertThat(documents).as("the Markdown found").hasSizeGreaterThan(10);
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }

    @Test
    void findsABrokenLinkOfEachKind() {
        assertThat(INLINE.matcher("see [the design](docs/DESIGN.md#flow).")
                        .results()
                        .map(r -> r.group(1)))
                .containsExactly("docs/DESIGN.md#flow");
        assertThat(REFERENCE.matcher("[design]: ../DESIGN.md\n").results().map(r -> r.group(1)))
                .containsExactly("../DESIGN.md");
        assertThat(MARKDOWN_IN_CODE
                        .matcher("as `DESIGN.md` and `docs/versions.md` say; writes `report.md`")
                        .results()
                        .map(r -> r.group(1)))
                .containsExactly("DESIGN.md", "docs/versions.md");
        assertThat(exists(Path.of("README.md"), "docs/no-such-page.md", false)).isFalse();
        assertThat(exists(Path.of("README.md"), "docs/architecture.md", false)).isTrue();
        assertThat(isLocal("https://example.org/x.md")).isFalse();
        assertThat(isLocal("#two-commands")).isFalse();
    }

    private static boolean isLocal(String target) {
        return !target.startsWith("#") && !target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    }

    private static String withoutAnchor(String target) {
        int hash = target.indexOf('#');
        return hash < 0 ? target : target.substring(0, hash);
    }

    /** Relative to the document, or, for a name in a code span, also to the repository's root. */
    private static boolean exists(Path document, String target, boolean alsoFromRoot) {
        Path folder = Repository.ROOT.resolve(document).getParent();
        return Files.exists(folder.resolve(target).normalize())
                || (alsoFromRoot && Files.exists(Repository.ROOT.resolve(target).normalize()))
                || (target.startsWith("/") && Files.exists(Repository.ROOT.resolve(target.substring(1))));
    }
}
