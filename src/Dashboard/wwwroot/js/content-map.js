// Lasso and box selections of the content map, sent to .NET as [curve, point] pairs. Plotly.Blazor's own selected
// event did not arrive here (when the map drew WebGL traces), so the map subscribes itself.
//
// Plotly.Blazor queues its newPlot until plotly.js has loaded, so when .NET calls this after the chart's first render
// the plot may not exist yet (always so on a first visit, when the 4.8 MB script is still loading). Wait for it.
export function subscribeSelected(container, dotnet, timeoutMs = 30000) {
    return new Promise(resolve => {
        const started = performance.now();
        const attempt = () => {
            const plot = container && container.querySelector('.js-plotly-plot');
            if (plot && typeof plot.on === 'function') {
                resolve(attach(plot, dotnet));
            } else if (!container || !container.isConnected || performance.now() - started > timeoutMs) {
                resolve(false);
            } else {
                setTimeout(attempt, 100);
            }
        };
        attempt();
    });
}

function attach(plot, dotnet) {
    if (plot.__insightsSelected) return true;
    plot.__insightsSelected = true;
    plot.on('plotly_selected', data => {
        const points = data && data.points ? data.points.map(p => [p.curveNumber, p.pointIndex]) : [];
        dotnet.invokeMethodAsync('OnLassoSelected', points);
    });
    plot.on('plotly_deselect', () => dotnet.invokeMethodAsync('OnLassoSelected', []));
    return true;
}
