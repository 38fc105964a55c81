package dev.twine.bench.report;

import java.util.Locale;

/** Number formatting shared by the Markdown report and the chart: three significant digits, no noise. */
final class Format {

    private Format() {
    }

    /** {@code 1234567 -> "1.23 M"}, {@code 12.345 -> "12.3"}, NaN -> "n/a". */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1e9) {
            return sig(v / 1e9) + " G";
        }
        if (a >= 1e6) {
            return sig(v / 1e6) + " M";
        }
        if (a >= 1e4) {
            return sig(v / 1e3) + " k";
        }
        return sig(v);
    }

    /** Three significant digits without exponent. */
    static String sig(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        if (a == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A ratio as {@code 0.87x}, or "n/a". */
    static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2fx", r) : "n/a";
    }

    /** The half-width of the confidence interval as a percentage of the score, or "n/a". */
    static String errorPercent(double error, double score) {
        if (!Double.isFinite(error) || !(score > 0)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "±%.0f%%", 100 * error / score);
    }

    /** Bytes, whole numbers; values below one byte shown with one decimal so "zero" is visible as such. */
    static String bytes(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return Math.abs(v) < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.0f", v);
    }

    /** The factor that turns a JMH time unit ({@code s/op}, {@code ms/op}, {@code us/op}, {@code ns/op}) into microseconds. */
    static double toMicros(String unit) {
        String u = unit.substring(0, unit.indexOf('/'));
        return switch (u) {
            case "s" -> 1e6;
            case "ms" -> 1e3;
            case "us" -> 1;
            case "ns" -> 1e-3;
            default -> Double.NaN;
        };
    }
}
