package dev.fetchplan.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java code block in the project's documentation is code that compiles and runs: each paragraph of a block
 * (its lines up to a blank line, indentation aside) must appear as consecutive lines of one Java source file of
 * the repository, and all paragraphs of a block in the same file. The samples live in tests and examples that
 * the build compiles and runs; a snippet edited in the docs alone, or code changed without its docs, fails here.
 */
class DocumentationSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> DOCUMENTS = List.of("README.md", "docs/GUIDE.md", "docs/ARCHITECTURE.md",
            "example-app/README.md", "examples/own-schema/README.md", "examples/spring-boot/README.md",
            "spring-boot-starter/README.md", "bench/README.md");

    @Test
    void everyJavaBlockOfTheDocsIsCompiledSource() throws IOException {
        Map<Path, List<String>> sources = javaSources();
        assertThat(sources).hasSizeGreaterThan(50);
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        for (String document : DOCUMENTS) {
            Path file = ROOT.resolve(document);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                int start = i + 1;
                int end = start;
                while (!lines.get(end).strip().equals("```")) {
                    end++;
                }
                blocks++;
                if (!foundInOneSource(paragraphs(lines.subList(start, end)), sources)) {
                    missing.add(document + ":" + (start + 1));
                }
                i = end;
            }
        }
        assertThat(blocks).as("Java blocks found in the docs").isGreaterThanOrEqualTo(8);
        assertThat(missing).as("Java blocks of the docs that no compiled source contains (keep them in step)").isEmpty();
    }

    private static boolean foundInOneSource(List<List<String>> paragraphs, Map<Path, List<String>> sources) {
        return sources.values().stream().anyMatch(source -> paragraphs.stream().allMatch(paragraph -> contains(source, paragraph)));
    }

    private static boolean contains(List<String> source, List<String> paragraph) {
        for (int at = 0; at + paragraph.size() <= source.size(); at++) {
            if (source.subList(at, at + paragraph.size()).equals(paragraph)) {
                return true;
            }
        }
        return false;
    }

    /** A block's lines, stripped, split at blank lines. */
    private static List<List<String>> paragraphs(List<String> block) {
        List<List<String>> paragraphs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : block) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new ArrayList<>();
                }
            } else {
                current.add(line.strip());
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }

    /** Every Java source of the repository (main, test, examples), as stripped non-blank lines. */
    private static Map<Path, List<String>> javaSources() throws IOException {
        Map<Path, List<String>> sources = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            for (Path file : walk.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !ROOT.relativize(path).toString().contains("target/"))
                    .filter(path -> !ROOT.relativize(path).startsWith(".git")).toList()) {
                sources.put(file, Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(String::strip).toList());
            }
        }
        return sources;
    }
}
