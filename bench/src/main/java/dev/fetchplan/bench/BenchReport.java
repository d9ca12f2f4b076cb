package dev.fetchplan.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns JMH results into the published benchmark report: a Markdown page with one table per scenario and the
 * evaluated performance targets, an SVG bar chart of the times and an SVG line chart of the time per root
 * ({@code <output>-scaling.svg}). Prints the targets to standard output.
 *
 * <p>Usage: {@code BenchReport <jmh-result.json> <statements.json> <machine.json> <output.md> <output.svg>},
 * where {@code jmh-result.json} is JMH's {@code -rf json} output, {@code statements.json} maps
 * {@code "contender|scenario"} to statements per operation and {@code machine.json} describes the machine.
 */
public final class BenchReport {

    private BenchReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: BenchReport <jmh-result.json> <statements.json> <machine.json> "
                    + "<output.md> <output.svg>");
            System.exit(2);
        }
        ReportData data = ReportData.load(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        Path markdown = Path.of(args[3]);
        Path chart = Path.of(args[4]);
        String targets = ReportTargets.render(data);
        String chartLink = markdown.toAbsolutePath().getParent().relativize(chart.toAbsolutePath()).toString();
        Path scalingChart = chart.resolveSibling(chart.getFileName().toString().replaceFirst("\\.svg$", "") + "-scaling.svg");
        String scalingLink = markdown.toAbsolutePath().getParent().relativize(scalingChart.toAbsolutePath()).toString();
        Files.writeString(markdown, ReportMarkdown.render(data, chartLink, ReportScaling.markdown(data, scalingLink) + "\n" + targets),
                StandardCharsets.UTF_8);
        Files.writeString(chart, ReportChart.render(data), StandardCharsets.UTF_8);
        Files.writeString(scalingChart, ReportScaling.svg(data), StandardCharsets.UTF_8);
        // The targets contain × and ≥, which the platform's console encoding may not have.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.print(targets);
    }
}
