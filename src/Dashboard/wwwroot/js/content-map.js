// Lasso and box selections of the content map, sent to .NET as [curve, point] pairs. Plotly.Blazor's own selected
// event does not arrive for WebGL scatter traces here, so the map subscribes itself.
export function subscribeSelected(container, dotnet) {
    const plot = container.querySelector('.js-plotly-plot');
    if (!plot || plot.__insightsSelected) return false;
    plot.__insightsSelected = true;
    plot.on('plotly_selected', data => {
        const points = data && data.points ? data.points.map(p => [p.curveNumber, p.pointIndex]) : [];
        dotnet.invokeMethodAsync('OnLassoSelected', points);
    });
    plot.on('plotly_deselect', () => dotnet.invokeMethodAsync('OnLassoSelected', []));
    return true;
}
