package org.ilsafety.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14's proof, kept: each service's README tables its packages ("Where to find things") exactly as the tree
 * holds them; no class of a service's {@code src/main} is over 250 lines and no method, constructor or record
 * takes more than 10 parameters, unless the README names the class with the reason ("250 lines", "parameters").
 */
class ServiceStructureTest {
    static final int MAX_LINES = 250;
    static final int MAX_PARAMETERS = 10;
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*(?:`([^`]+)`|\\(root\\))\\s*\\|", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern DECLARATION = Pattern.compile(
            "(?<![\\w.])(?:record\\s+)?([A-Za-z_]\\w*)\\s*(?:<[^<>()]*>)?\\s*\\(");
    private static final Set<String> NOT_A_DECLARATION = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "return", "new", "throw", "try", "super", "this", "assert", "yield");

    @ParameterizedTest
    @ValueSource(strings = {"dosing-service", "monitoring-service", "interaction-service", "hl7-gateway", "console"})
    void theReadmeTablesEveryPackage(String module) {
        Path base = basePackage(module);
        Set<String> inTree = new TreeSet<>();
        for (Path source : mainSources(module)) {
            String relative = base.relativize(source.getParent()).toString();
            inTree.add(relative.isEmpty() ? "." : relative);
        }
        assertEquals(inTree, tabled(module), module + "/README.md \"Where to find things\" against the tree under " + base);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dosing-service", "monitoring-service", "interaction-service", "hl7-gateway", "console"})
    void noClassIsOverTheSizeLimitsUnlessTheReadmeSaysWhy(String module) {
        String readme = RepositoryTree.read(RepositoryTree.root().resolve(module).resolve("README.md"));
        List<String> over = new ArrayList<>();
        for (Path source : mainSources(module)) {
            String name = source.getFileName().toString().replace(".java", "");
            String text = RepositoryTree.read(source);
            long lines = text.lines().count();
            if (lines > MAX_LINES && !explained(readme, name, "250 lines")) {
                over.add(name + ": " + lines + " lines");
            }
            for (String declaration : overlongDeclarations(text)) {
                String declared = declaration.substring(0, declaration.indexOf(':'));
                if (!explained(readme, declared, "parameters") && !explained(readme, declared, "components")) {
                    over.add(name + "." + declaration);
                }
            }
        }
        assertEquals(List.of(), over, module + ": over " + MAX_LINES + " lines or " + MAX_PARAMETERS + " parameters");
    }

    @org.junit.jupiter.api.Test
    void theParameterCountSeesDeclarationsAndNotCalls() {
        String source = """
                record Wide(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k) {
                    Wide {
                        call(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
                    }
                    static <T> void generic(java.util.Map<String, Integer> a, int b, int c, int d, int e, int f, int g, int h,
                            int i, int j, @Named("x, y") int k) throws Exception {
                        if (a != null) {
                        }
                    }
                }
                """;
        assertEquals(List.of("Wide: 11 parameters", "generic: 11 parameters"), overlongDeclarations(source));
        assertFalse(overlongDeclarations("void narrow(int a, int b) {\n}\n").iterator().hasNext());
    }

    @org.junit.jupiter.api.Test
    void anExplanationNamesTheRecordWithTheLimit() {
        String readme = "Records over 10 components, on purpose: `check.Finding` (11) and\n`patient.rest.Views.FindingView` (21).\n\n"
                + "| `Other` | 12 fields |\n";
        assertTrue(explained(readme, "Finding", "components"));
        assertTrue(explained(readme, "FindingView", "components"));
        assertFalse(explained(readme, "Other", "components"));
        assertFalse(explained(readme, "Finding", "250 lines"));
    }

    static List<String> overlongDeclarations(String source) {
        String code = withoutCommentsAndStrings(source);
        List<String> found = new ArrayList<>();
        Matcher matcher = DECLARATION.matcher(code);
        while (matcher.find()) {
            String name = matcher.group(1);
            int open = matcher.end() - 1;
            int close = matching(code, open);
            if (NOT_A_DECLARATION.contains(name) || close < 0) {
                continue;
            }
            String after = code.substring(close + 1).stripLeading();
            boolean declares = after.startsWith("{") || after.startsWith("throws") || after.startsWith("implements");
            int parameters = parameters(code.substring(open + 1, close));
            if (declares && parameters > MAX_PARAMETERS) {
                found.add(name + ": " + parameters + " parameters");
            }
        }
        return found;
    }

    private static int parameters(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int depth = 0;
        int count = 1;
        for (char c : list.toCharArray()) {
            if (c == '(' || c == '<' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == '>' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                count++;
            }
        }
        return count;
    }

    private static int matching(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            if (code.charAt(i) == '(') {
                depth++;
            } else if (code.charAt(i) == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The code with comments, string and character literals blanked out (a scanner: regular expressions overflow on text blocks). */
    static String withoutCommentsAndStrings(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = after(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                i = after(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = after(source, "\"\"\"", i + 3);
                code.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                code.append(c).append(c);
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }

    private static int after(String source, String closing, int from) {
        int index = source.indexOf(closing, from);
        return index < 0 ? source.length() : index + closing.length();
    }

    /**
     * The README explains a size: a paragraph (or a table row) that says the limit ({@code "250 lines"}, {@code "parameters"},
     * {@code "components"}) and names the class or record in backticks, plain or qualified ({@code `check.Finding`}).
     */
    static boolean explained(String readme, String name, String limit) {
        for (String paragraph : readme.split("\\n\\s*\\n|\\n(?=\\|)")) {
            if (!paragraph.contains(limit)) {
                continue;
            }
            Matcher code = CODE.matcher(paragraph);
            while (code.find()) {
                String[] segments = code.group(1).split("\\.");
                if (segments[segments.length - 1].equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> tabled(String module) {
        String readme = RepositoryTree.read(RepositoryTree.root().resolve(module).resolve("README.md"));
        int start = readme.indexOf("## Where to find things");
        assertTrue(start >= 0, module + "/README.md has no \"## Where to find things\" section");
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> packages = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(section);
        while (row.find()) {
            String named = row.group(1) == null ? "." : row.group(1);
            packages.add(named.replace('.', '/').replaceAll("/+$", "").replaceAll("^$", "."));
        }
        packages.remove("");
        if (packages.remove("/")) {
            packages.add(".");
        }
        return packages;
    }

    private static Path basePackage(String module) {
        Path java = RepositoryTree.root().resolve(module).resolve("src/main/java/org/ilsafety");
        try (Stream<Path> children = Files.list(java)) {
            return children.filter(Files::isDirectory).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> mainSources(String module) {
        return RepositoryTree.javaFiles(RepositoryTree.root().resolve(module).resolve("src/main/java"));
    }
}
