package io.tollgate.console;

import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG built on the server: nothing to load, nothing to run in the browser. Every
 * chart is a {@code <figure>} whose SVG names itself ({@code <title>}, {@code <desc>}), each bar
 * carries a tooltip, and a table of the same numbers follows it for screen readers and for
 * copying. Bars are drawn to scale from zero; an empty chart says "no data". Every text is escaped.
 * Stateless.
 */
final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 260;
    /** Height of the plot area, between the legend and the axis labels. */
    static final int PLOT_HEIGHT = 180;
    private static final int PLOT_TOP = 40;
    private static final int LEFT = 48;
    private static final int RIGHT = 16;
    private static final int ROW_HEIGHT = 22;
    private static final int LABEL_WIDTH = 180;
    /** Room after a horizontal bar for its value, e.g. {@code 50.0 (5 / 1,000)}. */
    private static final int VALUE_WIDTH = 120;
    /** Room above horizontal bars for a reference line's label. */
    private static final int BARS_TOP = 24;

    private Charts() {
    }

    /** One series of a stacked chart: its name in the legend and its fill colour. */
    record Series(String name, String color) {
    }

    /**
     * One column of a stacked chart.
     *
     * @param label the axis label (may be shown only for some columns when there are many)
     * @param tooltip what a reader sees when pointing at it, e.g. the full date and hour
     * @param values one value per series, in the series' order
     */
    record Column(String label, String tooltip, long[] values) {
        long total() {
            long total = 0;
            for (long value : values) {
                total += value;
            }
            return total;
        }
    }

    /**
     * One bar of a horizontal bar chart.
     *
     * @param label the row label
     * @param value its length
     * @param valueText the value as people read it, written after the bar
     * @param highlighted drawn in the alarm colour (e.g. over budget)
     */
    record Bar(String label, double value, String valueText, boolean highlighted) {
    }

    /** A vertical reference line across a bar chart, e.g. a budget. */
    record Reference(double value, String label) {
    }

    /**
     * Stacked columns, one per {@link Column}, series stacked bottom-up in order.
     *
     * @param id a page-unique id prefix for the chart's title and description
     * @param title the chart's name
     * @param description one sentence on what it shows
     * @param series the stacked series
     * @param columns the columns, left to right
     * @param labelEvery show every n-th column's label (1: all)
     * @return the figure's HTML
     */
    static String stackedColumns(String id, String title, String description, List<Series> series,
            List<Column> columns, int labelEvery) {
        if (labelEvery < 1) {
            throw new IllegalArgumentException("labelEvery must be positive, got " + labelEvery);
        }
        for (Column column : columns) {
            if (column.values().length != series.size()) {
                throw new IllegalArgumentException("column " + column.label() + " has " + column.values().length
                        + " values for " + series.size() + " series");
            }
        }
        long max = columns.stream().mapToLong(Column::total).max().orElse(0);
        StringBuilder svg = open(id, title, description, HEIGHT);
        legend(svg, series);
        if (max == 0) {
            noData(svg, HEIGHT);
        } else {
            long top = niceCeiling(max);
            yAxis(svg, top);
            double slot = (double) (WIDTH - LEFT - RIGHT) / columns.size();
            double barWidth = Math.max(1, slot * 0.75);
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                double x = LEFT + c * slot + (slot - barWidth) / 2;
                double y = PLOT_TOP + PLOT_HEIGHT;
                for (int s = 0; s < series.size(); s++) {
                    long value = column.values()[s];
                    if (value == 0) {
                        continue;
                    }
                    double height = height(value, top);
                    y -= height;
                    svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                            .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(height))
                            .append("\" fill=\"").append(Html.escape(series.get(s).color())).append("\" data-value=\"")
                            .append(value).append("\"><title>").append(Html.escape(column.tooltip())).append(" — ")
                            .append(Html.escape(series.get(s).name())).append(": ").append(count(value))
                            .append("</title></rect>");
                }
                if (c % labelEvery == 0) {
                    svg.append("<text x=\"").append(fmt(LEFT + c * slot + slot / 2)).append("\" y=\"")
                            .append(PLOT_TOP + PLOT_HEIGHT + 16).append("\" font-size=\"11\" text-anchor=\"middle\">")
                            .append(Html.escape(column.label())).append("</text>");
                }
            }
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<tr><th></th>");
        series.forEach(s -> table.append("<th>").append(Html.escape(s.name())).append("</th>"));
        table.append("<th>total</th></tr>");
        for (Column column : columns) {
            table.append("<tr><th>").append(Html.escape(column.tooltip())).append("</th>");
            for (long value : column.values()) {
                table.append("<td>").append(count(value)).append("</td>");
            }
            table.append("<td>").append(count(column.total())).append("</td></tr>");
        }
        return figure(title, svg, table);
    }

    /**
     * Horizontal bars, one row per {@link Bar}, top to bottom.
     *
     * @param id a page-unique id prefix for the chart's title and description
     * @param title the chart's name
     * @param description one sentence on what it shows
     * @param valueHeading the heading of the value column in the table
     * @param bars the rows
     * @param reference a vertical line to measure the bars against, or {@code null}
     * @return the figure's HTML
     */
    static String bars(String id, String title, String description, String valueHeading, List<Bar> bars,
            Reference reference) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int height = BARS_TOP + Math.max(bars.size(), 3) * ROW_HEIGHT + 12;
        StringBuilder svg = open(id, title, description, height);
        if (bars.isEmpty() || max <= 0 && reference == null) {
            noData(svg, height);
        } else {
            double top = niceCeiling(Math.max(max, reference == null ? 0 : reference.value()));
            double plotWidth = WIDTH - LABEL_WIDTH - RIGHT - VALUE_WIDTH;
            if (reference != null) { // drawn first: bars and their values go over it
                double x = LABEL_WIDTH + reference.value() / top * plotWidth;
                svg.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(BARS_TOP - 6).append("\" x2=\"")
                        .append(fmt(x)).append("\" y2=\"").append(BARS_TOP + bars.size() * ROW_HEIGHT)
                        .append("\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/><text x=\"").append(fmt(x))
                        .append("\" y=\"").append(BARS_TOP - 10).append("\" font-size=\"11\" text-anchor=\"middle\" "
                                + "fill=\"#c0392b\">").append(Html.escape(reference.label())).append("</text>");
            }
            for (int i = 0; i < bars.size(); i++) {
                Bar bar = bars.get(i);
                double y = BARS_TOP + i * ROW_HEIGHT;
                double width = bar.value() <= 0 ? 0 : bar.value() / top * plotWidth;
                String label = Html.escape(bar.label());
                svg.append("<text x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(fmt(y + 15))
                        .append("\" font-size=\"12\" text-anchor=\"end\">").append(label)
                        .append("</text><rect x=\"").append(LABEL_WIDTH).append("\" y=\"").append(fmt(y + 3))
                        .append("\" width=\"").append(fmt(width)).append("\" height=\"").append(ROW_HEIGHT - 6)
                        .append("\" fill=\"").append(bar.highlighted() ? "#c0392b" : "#4a7fb5")
                        .append("\" data-value=\"").append(fmt(bar.value())).append("\"><title>").append(label)
                        .append(": ").append(Html.escape(bar.valueText())).append("</title></rect><text x=\"")
                        .append(fmt(LABEL_WIDTH + width + 6)).append("\" y=\"").append(fmt(y + 15))
                        // a white halo keeps the value readable where it crosses the reference line
                        .append("\" font-size=\"12\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"")
                        .append(bar.highlighted() ? " font-weight=\"bold\"" : "")
                        .append(">").append(Html.escape(bar.valueText())).append("</text>");
            }
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<tr><th></th><th>").append(Html.escape(valueHeading))
                .append("</th></tr>");
        for (Bar bar : bars) {
            table.append("<tr><th>").append(Html.escape(bar.label())).append("</th><td>")
                    .append(Html.escape(bar.valueText())).append(bar.highlighted() ? " (over)" : "").append("</td></tr>");
        }
        return figure(title, svg, table);
    }

    private static StringBuilder open(String id, String title, String description, int height) {
        String safeId = Html.escape(id);
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" aria-labelledby=\"").append(safeId).append("-title ").append(safeId)
                .append("-desc\" font-family=\"sans-serif\"><title id=\"").append(safeId).append("-title\">")
                .append(Html.escape(title)).append("</title><desc id=\"").append(safeId).append("-desc\">")
                .append(Html.escape(description)).append("</desc>");
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        int x = LEFT;
        for (Series s : series) {
            svg.append("<rect x=\"").append(x).append("\" y=\"8\" width=\"12\" height=\"12\" fill=\"")
                    .append(Html.escape(s.color())).append("\"/><text x=\"").append(x + 16)
                    .append("\" y=\"18\" font-size=\"12\">").append(Html.escape(s.name())).append("</text>");
            x += 28 + 8 * s.name().length();
        }
    }

    private static void yAxis(StringBuilder svg, long top) {
        // top is 1, 2 or 5 times a power of ten: ticks at whole, round values.
        long ticks = top <= 5 ? top : top % 5 == 0 ? 5 : 4;
        for (long i = 0; i <= ticks; i++) {
            long value = top * i / ticks;
            double y = PLOT_TOP + PLOT_HEIGHT - height(value, top);
            svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#ddd\"/><text x=\"")
                    .append(LEFT - 6).append("\" y=\"").append(fmt(y + 4)).append("\" font-size=\"11\" "
                            + "text-anchor=\"end\">").append(count(value)).append("</text>");
        }
    }

    private static void noData(StringBuilder svg, int height) {
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"").append(height / 2)
                .append("\" font-size=\"16\" fill=\"#888\" text-anchor=\"middle\" class=\"no-data\">no data</text>");
    }

    private static String figure(String title, StringBuilder svg, StringBuilder table) {
        return "<figure class=\"chart\">" + svg + "<figcaption><details><summary>" + Html.escape(title)
                + " as a table</summary><table>" + table + "</table></details></figcaption></figure>";
    }

    /** @return the height of a value in a plot whose top is {@code top} */
    static double height(long value, long top) {
        return (double) value / top * PLOT_HEIGHT;
    }

    /** @return the smallest 1, 2 or 5 times a power of ten at or above {@code value}; 1 for 0 */
    static long niceCeiling(double value) {
        if (value <= 1) {
            return 1;
        }
        long power = 1;
        while (power * 10 < value) {
            power *= 10;
        }
        for (long step : new long[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** @return a whole count with thousands separators, e.g. {@code 1,234} */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
