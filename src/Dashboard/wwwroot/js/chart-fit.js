// Plotly's "responsive" option follows window resizes only. A chart drawn while its card had another width (the page's
// layout still settling around it) kept that width and overflowed the card; this redraws it to its area whenever the
// area's size changes and the drawn width no longer matches.
export function fitToArea(area) {
    if (!area || area.insightsFit) {
        return;
    }
    area.insightsFit = new ResizeObserver(() => {
        const plot = area.querySelector('.js-plotly-plot');
        if (!plot || !plot._fullLayout || !window.Plotly || Math.abs(plot._fullLayout.width - area.clientWidth) <= 1) {
            return;
        }
        window.Plotly.Plots.resize(plot).catch(() => { });
    });
    area.insightsFit.observe(area);
}
