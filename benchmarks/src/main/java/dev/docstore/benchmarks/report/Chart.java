package dev.docstore.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An SVG bar chart of each benchmark's ratio to its ceiling, with its confidence interval as a whisker; ceilings are
 * grey bars at 1, and a dashed line marks 1.
 */
final class Chart {
    private static final int BAR_HEIGHT = 18;
    private static final int GAP = 4;
    private static final int LABEL_WIDTH = 560;
    private static final int CHART_WIDTH = 420;
    private static final int TOP = 30;

    private Chart() {
    }

    static String svg(List<Row> rows, Map<Row, RatioInterval.Ratio> ceilingRatios) {
        double max = 1.0;
        for (RatioInterval.Ratio ratio : ceilingRatios.values()) {
            max = Math.max(max, ratio.high());
        }
        int height = TOP + ceilingRatios.size() * (BAR_HEIGHT + GAP) + 20;
        int width = LABEL_WIDTH + CHART_WIDTH + 160;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append("<text x=\"10\" y=\"18\" font-weight=\"bold\">Ratio to the ceiling in the same run, with its "
                + "99.9% interval (higher is better)</text>\n");
        int y = TOP;
        for (Row row : rows) {
            RatioInterval.Ratio ratio = ceilingRatios.get(row);
            if (ratio == null) {
                continue;
            }
            double scale = CHART_WIDTH / max;
            int middle = y + BAR_HEIGHT / 2;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 6, y + BAR_HEIGHT - 5, escape(row.label())));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", LABEL_WIDTH, y,
                    ratio.value() * scale, BAR_HEIGHT, References.isCeiling(row) ? "#999999" : "#3b6fb6"));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                    LABEL_WIDTH + ratio.low() * scale, middle, LABEL_WIDTH + ratio.high() * scale, middle));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                    LABEL_WIDTH + Math.max(ratio.value(), ratio.high()) * scale + 4, y + BAR_HEIGHT - 5,
                    escape(Report.ratio(ratio))));
            y += BAR_HEIGHT + GAP;
        }
        double one = LABEL_WIDTH + CHART_WIDTH / max;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cc3333\" "
                + "stroke-dasharray=\"4 3\"/>%n", one, TOP - 4, one, y));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
