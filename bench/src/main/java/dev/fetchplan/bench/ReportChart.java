package dev.fetchplan.bench;

import dev.fetchplan.bench.ReportData.Measurement;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Renders the benchmark times as a self-contained SVG: one group of horizontal bars per scenario, one row per
 * contender with its 0 ms time as a solid bar and its 1 ms time as a lighter bar below, on a log-scale axis.
 */
final class ReportChart {

    private static final int WIDTH = 1000;
    private static final int LEFT = 215;
    private static final int PLOT_WIDTH = 705;
    private static final int TOP = 112;
    private static final int ROW_HEIGHT = 24;
    private static final int BAR_HEIGHT = 10;
    private static final int GROUP_HEADER = 28;
    private static final int GROUP_GAP = 10;
    private static final String FONT = "font-family=\"Helvetica, Arial, sans-serif\"";

    private enum Family {
        FETCHPLAN("fetchplan", "#e8590c"),
        HIBERNATE("Hibernate", "#1c7ed6"),
        JOOQ("jOOQ", "#2f9e44"),
        JDBC("plain JDBC", "#495057"),
        OTHER("other", "#9c36b5");

        final String label;
        final String color;

        Family(String label, String color) {
            this.label = label;
            this.color = color;
        }

        static Family of(String contender) {
            if (contender.startsWith("fetchplan")) {
                return FETCHPLAN;
            }
            if (contender.startsWith("hibernate")) {
                return HIBERNATE;
            }
            if (contender.contains("jooq")) {
                return JOOQ;
            }
            return contender.contains("jdbc") ? JDBC : OTHER;
        }
    }

    private final ReportData data;
    private final StringBuilder svg = new StringBuilder();
    private final int lowDecade;
    private final int highDecade;

    private ReportChart(ReportData data) {
        this.data = data;
        List<Double> times = data.measurements().stream().map(Measurement::timeMs).filter(time -> time > 0).toList();
        this.lowDecade = (int) Math.floor(Math.log10(times.stream().min(Double::compare).orElse(1.0)));
        this.highDecade = Math.max(lowDecade + 1,
                (int) Math.ceil(Math.log10(times.stream().max(Double::compare).orElse(10.0))));
    }

    static String render(ReportData data) {
        return new ReportChart(data).render();
    }

    private String render() {
        int height = TOP + 40;
        for (String scenario : data.scenarios()) {
            height += GROUP_HEADER + ROW_HEIGHT * data.contenders(scenario).size() + GROUP_GAP;
        }
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" %s font-size=\"13\">%n", WIDTH, height, WIDTH, height, FONT))
                .append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height))
                .append("<text x=\"20\" y=\"32\" font-size=\"20\" font-weight=\"bold\">fetchplan benchmarks: time per operation")
                .append(" (ms, log scale, lower is better)</text>\n");
        legend();
        axis(TOP - 8, height - 40);
        int y = TOP;
        for (String scenario : data.scenarios()) {
            y = group(scenario, y);
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">"
                + "time per operation in ms (log scale)</text>%n", LEFT + PLOT_WIDTH / 2, height - 10));
        return svg.append("</svg>\n").toString();
    }

    private void legend() {
        Set<Family> families = EnumSet.noneOf(Family.class);
        for (String scenario : data.scenarios()) {
            data.contenders(scenario).forEach(contender -> families.add(Family.of(contender)));
        }
        int x = 20;
        for (Family family : families) {
            swatch(x, 52, family.color, 1);
            svg.append(text(x + 20, 63, "start", family.label));
            x += 40 + 8 * family.label.length();
        }
        swatch(x + 20, 52, "#868e96", 1);
        svg.append(text(x + 40, 63, "start", "0 ms added latency"));
        swatch(x + 190, 52, "#868e96", 0.4);
        svg.append(text(x + 210, 63, "start", "1 ms added per round trip"));
    }

    private void swatch(int x, int y, String color, double opacity) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\" "
                + "fill-opacity=\"%.2f\"/>%n", x, y, color, opacity));
    }

    /** Decade lines labelled above and below the plot, with fainter lines at 2..9 of each decade. */
    private void axis(int top, int bottom) {
        for (int decade = lowDecade; decade <= highDecade; decade++) {
            double x = x(Math.pow(10, decade));
            svg.append(line(x, top, bottom, "#adb5bd"));
            String label = BigDecimal.ONE.scaleByPowerOfTen(decade).toPlainString();
            svg.append(text(x, top - 6, "middle", label)).append(text(x, bottom + 14, "middle", label));
            for (int step = 2; step <= 9 && decade < highDecade; step++) {
                svg.append(line(x(step * Math.pow(10, decade)), top, bottom, "#eceff1"));
            }
        }
    }

    private int group(String scenario, int top) {
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                top + 19, ReportFormat.xml(scenario)));
        int y = top + GROUP_HEADER;
        for (String contender : data.contenders(scenario)) {
            Family family = Family.of(contender);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s>%s</text>%n",
                    LEFT - 8, y + 16, family == Family.FETCHPLAN ? " font-weight=\"bold\"" : "",
                    ReportFormat.xml(contender)));
            bar(data.measurement(contender, scenario, 0), y + 2, family.color, 1);
            bar(data.measurement(contender, scenario, 1), y + 2 + BAR_HEIGHT, family.color, 0.4);
            y += ROW_HEIGHT;
        }
        return y + GROUP_GAP;
    }

    private void bar(Optional<Measurement> measurement, int y, String color, double opacity) {
        if (measurement.isEmpty() || measurement.get().timeMs() <= 0) {
            svg.append("<text x=\"" + (LEFT + 4) + "\" y=\"" + (y + 9) + "\" font-size=\"10\" fill=\"#868e96\">"
                    + "not measured</text>\n");
            return;
        }
        double time = measurement.get().timeMs();
        double end = Math.max(x(time), LEFT + 1);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" "
                + "fill-opacity=\"%.2f\"/>%n", LEFT, y, end - LEFT, BAR_HEIGHT - 1, color, opacity));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#343a40\">%s</text>%n",
                end + 4, y + 8, ReportFormat.xml(ReportFormat.number(time))));
    }

    private double x(double timeMs) {
        double position = (Math.log10(timeMs) - lowDecade) / (highDecade - lowDecade);
        return LEFT + position * PLOT_WIDTH;
    }

    private static String line(double x, int top, int bottom, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                x, top, x, bottom, color);
    }

    private static String text(double x, int y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n",
                x, y, anchor, ReportFormat.xml(content));
    }
}
