package dev.fetchplan.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Time per root as the number of roots grows: the scaling scenarios ({@link Scenario#SCALING}, users → posts →
 * comments for 20 to 10,000 users) for the contenders measured in all of them, as a Markdown table and as an SVG
 * line chart (log-scale users, linear microseconds per root, solid at 0 ms and dashed at 1 ms).
 */
final class ReportScaling {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 230;
    private static final int TOP = 70;
    private static final int BOTTOM = 70;
    private static final String[] COLORS = {"#e8590c", "#1c7ed6", "#2f9e44", "#495057", "#9c36b5", "#f08c00"};

    private ReportScaling() {
    }

    /** Microseconds per root of {@code contender} in {@code scenario} at {@code latencyMs}, if measured. */
    static Optional<Double> perRootMicros(ReportData data, String contender, String scenario, int latencyMs) {
        return data.measurement(contender, scenario, latencyMs)
                .map(m -> m.timeMs() * 1000 / Scenario.named(scenario).users());
    }

    /** The scaling scenarios that were measured, in order of size. */
    static List<String> scenarios(ReportData data) {
        return Scenario.SCALING.stream().filter(data.scenarios()::contains).toList();
    }

    /** The contenders measured at 0 ms in every measured scaling scenario. */
    static List<String> contenders(ReportData data) {
        List<String> scenarios = scenarios(data);
        if (scenarios.isEmpty()) {
            return List.of();
        }
        return data.contenders(scenarios.get(scenarios.size() - 1)).stream()
                .filter(contender -> scenarios.stream().allMatch(s -> data.measurement(contender, s, 0).isPresent()))
                .toList();
    }

    static String markdown(ReportData data, String chartFileName) {
        List<String> scenarios = scenarios(data);
        StringBuilder text = new StringBuilder("\n## Time per root\n\n");
        if (scenarios.size() < 2) {
            return text.append("Not measured: the scaling scenarios need the full profile.\n").toString();
        }
        text.append("The same tree (users → posts → comments with authors) for ")
                .append(String.join(", ", scenarios))
                .append(": time per operation divided by the number of users, in µs per user. Flat is what a plan whose ")
                .append("statement count does not grow with the data should show.\n\n")
                .append("![Time per root](").append(chartFileName).append(")\n\n| contender | latency |");
        scenarios.forEach(scenario -> text.append(' ').append(scenario).append(" |"));
        text.append("\n|---|---:|").append("---:|".repeat(scenarios.size())).append('\n');
        for (String contender : contenders(data)) {
            for (int latency : new int[] {0, 1}) {
                text.append("| ").append(contender).append(" | ").append(latency).append(" ms |");
                for (String scenario : scenarios) {
                    text.append(' ').append(perRootMicros(data, contender, scenario, latency)
                            .map(ReportFormat::number).orElse(ReportFormat.MISSING)).append(" |");
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    static String svg(ReportData data) {
        List<String> scenarios = scenarios(data);
        List<String> contenders = contenders(data);
        double highest = 1;
        for (String contender : contenders) {
            for (String scenario : scenarios) {
                for (int latency : new int[] {0, 1}) {
                    highest = Math.max(highest, perRootMicros(data, contender, scenario, latency).orElse(0.0));
                }
            }
        }
        double step = niceStep(highest / 5);
        double top = Math.ceil(highest / step) * step;
        StringBuilder svg = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"13\">%n",
                        WIDTH, HEIGHT, WIDTH, HEIGHT))
                .append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, HEIGHT))
                .append("<text x=\"20\" y=\"32\" font-size=\"20\" font-weight=\"bold\">Time per user, users → posts → comments")
                .append(" (µs, lower is better; solid 0 ms, dashed 1 ms added)</text>\n");
        int bottom = HEIGHT - BOTTOM;
        for (double value = 0; value <= top + step / 2; value += step) {
            double y = y(value, top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eceff1\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                            LEFT - 8, y + 4, ReportFormat.number(value)));
        }
        for (String scenario : scenarios) {
            double x = x(Scenario.named(scenario).users());
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#adb5bd\"/>%n",
                    x, TOP, x, bottom))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d users</text>%n",
                            x, bottom + 18, Scenario.named(scenario).users()));
        }
        for (int i = 0; i < contenders.size(); i++) {
            String color = COLORS[i % COLORS.length];
            for (int latency : new int[] {0, 1}) {
                List<String> points = new ArrayList<>();
                for (String scenario : scenarios) {
                    Optional<Double> micros = perRootMicros(data, contenders.get(i), scenario, latency);
                    micros.ifPresent(value -> points.add(String.format(Locale.ROOT, "%.1f,%.1f",
                            x(Scenario.named(scenario).users()), y(value, top))));
                }
                svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                        String.join(" ", points), color, latency == 0 ? "" : " stroke-dasharray=\"6 4\""));
            }
            int legendY = TOP + 10 + 24 * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    WIDTH - RIGHT + 20, legendY, WIDTH - RIGHT + 44, legendY, color))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n",
                            WIDTH - RIGHT + 52, legendY + 4, ReportFormat.xml(contenders.get(i))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#333\">users per operation "
                + "(log scale)</text>%n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 20));
        return svg.append("</svg>\n").toString();
    }

    private static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double nice : new double[] {1, 2, 5, 10}) {
            if (nice * magnitude >= rough) {
                return nice * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static double x(int users) {
        double position = (Math.log10(users) - 1) / 3.2;
        return LEFT + position * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double micros, double top) {
        return HEIGHT - BOTTOM - micros / top * (HEIGHT - BOTTOM - TOP);
    }
}
