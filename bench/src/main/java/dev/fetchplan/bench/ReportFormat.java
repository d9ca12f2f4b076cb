package dev.fetchplan.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Number formatting shared by the report's Markdown, targets and chart. */
final class ReportFormat {

    /** Shown in a table cell that has no value. */
    static final String MISSING = "—";

    private ReportFormat() {
    }

    /** Three significant digits, but never rounds away integer digits: 0.0123, 1.00, 12.3, 123, 12345. */
    static String number(double value) {
        if (value == 0 || Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(3));
        int scale = Math.max(0, rounded.scale() + 3 - rounded.precision());
        return rounded.setScale(scale).toPlainString();
    }

    /** A time with its error at the same number of decimals, e.g. {@code 12.3 ± 0.4}. */
    static String timeWithError(double timeMs, double errorMs) {
        String time = number(timeMs);
        if (Double.isNaN(errorMs)) {
            return time;
        }
        int dot = time.indexOf('.');
        int decimals = dot < 0 ? 0 : time.length() - dot - 1;
        return time + " ± " + String.format(Locale.ROOT, "%." + decimals + "f", errorMs);
    }

    /** Bytes as B, KB or MB (1 KB = 1024 B). */
    static String bytes(double bytes) {
        if (bytes < 1024) {
            return number(bytes) + " B";
        }
        if (bytes < 1024 * 1024) {
            return number(bytes / 1024) + " KB";
        }
        return number(bytes / (1024 * 1024)) + " MB";
    }

    /** A ratio such as {@code 12.3×}. */
    static String ratio(double ratio) {
        return number(ratio) + "×";
    }

    /** Escapes text for XML content and attribute values. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
