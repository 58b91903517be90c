package io.tollgate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final Pattern RECT = Pattern.compile("<rect x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"([0-9.]+)\" "
            + "height=\"([0-9.]+)\" fill=\"[^\"]+\" data-value=\"([0-9.]+)\"");
    private static final List<Charts.Series> TWO = List.of(new Charts.Series("A", "#111"),
            new Charts.Series("B", "#222"));

    /** @return {width, height, value} of every data bar */
    private static List<double[]> bars(String html) {
        List<double[]> bars = new ArrayList<>();
        Matcher matcher = RECT.matcher(html);
        while (matcher.find()) {
            bars.add(new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                    Double.parseDouble(matcher.group(3))});
        }
        return bars;
    }

    @Test
    void stackedColumns_heightsProportionalToValues() {
        String html = Charts.stackedColumns("c", "Chart", "what", TWO, List.of(
                new Charts.Column("1", "one", new long[] {10, 30}),
                new Charts.Column("2", "two", new long[] {5, 0})), 1);

        List<double[]> bars = bars(html);
        assertThat(bars).hasSize(3); // a zero is not drawn
        double perUnit = bars.get(0)[1] / bars.get(0)[2];
        assertThat(bars).allSatisfy(bar -> assertThat(bar[1] / bar[2]).isCloseTo(perUnit, offset(0.05)));
        // the tallest column (40) fits the plot: its top is the nice ceiling 50
        assertThat(bars.get(0)[1] + bars.get(1)[1]).isCloseTo(Charts.PLOT_HEIGHT * 40 / 50.0,
                offset(0.1));
        assertThat(html).doesNotContain("no data");
    }

    @Test
    void stackedColumns_allZero_saysNoData() {
        String html = Charts.stackedColumns("c", "Chart", "what", TWO,
                List.of(new Charts.Column("1", "one", new long[] {0, 0})), 1);

        assertThat(html).contains(">no data</text>");
        assertThat(bars(html)).isEmpty();
    }

    @Test
    void stackedColumns_hasAccessibleTitleAndTableFallback() {
        String html = Charts.stackedColumns("dec", "Decisions", "Charges per hour", TWO,
                List.of(new Charts.Column("13:00", "2026-03-10 13:00", new long[] {1_234, 5})), 1);

        assertThat(html).contains("role=\"img\"", "aria-labelledby=\"dec-title dec-desc\"",
                "<title id=\"dec-title\">Decisions</title>", "<desc id=\"dec-desc\">Charges per hour</desc>",
                "<th>2026-03-10 13:00</th><td>1,234</td><td>5</td><td>1,239</td>");
    }

    @Test
    void stackedColumns_wrongNumberOfValues_refused() {
        assertThatThrownBy(() -> Charts.stackedColumns("c", "Chart", "what", TWO,
                List.of(new Charts.Column("1", "one", new long[] {1})), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 1 values for 2 series");
    }

    @Test
    void bars_widthsProportionalAndHighlightedOverReference() {
        String html = Charts.bars("m", "Merchants", "rates", "rate", List.of(
                new Charts.Bar("M1", 60, "60.0", true),
                new Charts.Bar("M2", 15, "15.0", false)), new Charts.Reference(30, "budget 30.0"));

        List<double[]> bars = bars(html);
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0)[0] / bars.get(1)[0]).isCloseTo(4.0, offset(0.01));
        assertThat(html).contains("fill=\"#c0392b\" data-value=\"60.0\"", "fill=\"#4a7fb5\" data-value=\"15.0\"",
                "budget 30.0", "<td>60.0 (over)</td>");
    }

    @Test
    void bars_empty_saysNoData() {
        assertThat(Charts.bars("r", "Rules", "hits", "hits", List.of(), null)).contains(">no data</text>");
    }

    @Test
    void charts_escapeEveryText() {
        String html = Charts.bars("r", "<b>", "<i>", "<u>", List.of(new Charts.Bar("<script>", 1, "<1>", false)), null);

        assertThat(html).doesNotContain("<script>", "<b>", "<i>", "<u>", "<1>").contains("&lt;script&gt;");
    }

    @Test
    void niceCeiling_roundsUpToOneTwoOrFive() {
        assertThat(Charts.niceCeiling(0)).isEqualTo(1);
        assertThat(Charts.niceCeiling(3)).isEqualTo(5);
        assertThat(Charts.niceCeiling(40)).isEqualTo(50);
        assertThat(Charts.niceCeiling(101)).isEqualTo(200);
        assertThat(Charts.niceCeiling(1_000)).isEqualTo(1_000);
    }
}
