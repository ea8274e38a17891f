using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Analytics.Engagement;
using Insights.Analytics.Extensions;
using Insights.Analytics.Storage;
using Insights.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Drivers;

/// <summary>
/// The trained drivers model, its figures and the content map of each profile, as files under
/// <c>{data}/drivers/{profileId}/</c>. A new training replaces the files atomically, so the previous model serves
/// until the new one is complete. Reads are cached in memory until the file changes.
/// </summary>
public sealed class DriversStore(IOptions<StorageOptions> storage, DashboardPaths paths)
{
    private const string FiguresFile = "figures.json";
    private const string ModelFile = "model.zip";
    private const string MapFile = "map.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly ConcurrentDictionary<string, (DateTime Written, object Value)> _cache = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<PartialDependence2D?>>> _pairs = new();

    public string Folder(int profileId) =>
        Path.Combine(ServiceCollectionExtensions.DataDirectory(storage.Value, paths.BaseDirectory), "drivers", profileId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string FiguresPath(int profileId) => Path.Combine(Folder(profileId), FiguresFile);

    public DriversFigures? GetFigures(int profileId) => Read<DriversFigures>(FiguresPath(profileId));

    public ContentMapFigure? GetMap(int profileId) => Read<ContentMapFigure>(Path.Combine(Folder(profileId), MapFile));

    /// <summary>The trained model itself, for figures that were not stored (a two-feature pair on request).</summary>
    public DriversModel? GetModel(int profileId)
    {
        var path = Path.Combine(Folder(profileId), ModelFile);
        return Cached(path, () =>
        {
            using var stream = File.OpenRead(path);
            return DriversModel.Load(stream);
        });
    }

    /// <summary>
    /// Two-feature partial dependence of the current model: the stored one for the top pairs, else computed from the
    /// model (seconds) and kept in memory for this model. Null without a model or for an unknown feature.
    /// </summary>
    public async Task<PartialDependence2D?> PairAsync(int profileId, string featureA, string featureB, int gridPoints, CancellationToken cancellationToken = default)
    {
        var figures = GetFigures(profileId);
        if (figures is null || figures.Feature(featureA) is null || figures.Feature(featureB) is null || featureA == featureB)
            return null;
        if (figures.Pair(featureA, featureB) is { } stored)
            return stored;
        if (figures.Pair(featureB, featureA) is { } swapped)
            return Transpose(swapped);
        var key = $"{profileId}|{figures.Stamp}|{featureA}|{featureB}";
        var lazy = _pairs.GetOrAdd(key, _ => new Lazy<Task<PartialDependence2D?>>(() => Task.Run(() =>
            GetModel(profileId)?.PartialDependence(featureA, featureB, gridPoints))));
        return await lazy.Value.WaitAsync(cancellationToken);
    }

    private static PartialDependence2D Transpose(PartialDependence2D pair) =>
        new(pair.FeatureB, pair.FeatureA, pair.GridB, pair.GridA,
            Enumerable.Range(0, pair.GridB.Length).Select(j => pair.Average.Select(row => row[j]).ToArray()).ToArray());

    /// <summary>Writes the model first and the figures last: the figures' stamp says a complete set is there.</summary>
    public async Task SaveAsync(DriversFigures figures, DriversModel model, CancellationToken cancellationToken = default)
    {
        var folder = Folder(figures.ProfileId);
        Directory.CreateDirectory(folder);
        await ReplaceAsync(Path.Combine(folder, ModelFile), stream => { model.Save(stream); return Task.CompletedTask; }, cancellationToken);
        await ReplaceAsync(Path.Combine(folder, FiguresFile), stream => JsonSerializer.SerializeAsync(stream, figures, Json, cancellationToken), cancellationToken);
    }

    public async Task SaveMapAsync(ContentMapFigure map, CancellationToken cancellationToken = default)
    {
        var folder = Folder(map.ProfileId);
        Directory.CreateDirectory(folder);
        await ReplaceAsync(Path.Combine(folder, MapFile), stream => JsonSerializer.SerializeAsync(stream, map, Json, cancellationToken), cancellationToken);
    }

    private static async Task ReplaceAsync(string path, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = File.Create(temporary))
                await write(stream);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    private T? Read<T>(string path) where T : class => Cached(path, () =>
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json);
    });

    private T? Cached<T>(string path, Func<T?> read) where T : class
    {
        if (!File.Exists(path))
            return null;
        var written = File.GetLastWriteTimeUtc(path);
        if (_cache.TryGetValue(path, out var hit) && hit.Written == written)
            return (T)hit.Value;
        var value = read();
        if (value is not null)
            _cache[path] = (written, value);
        return value;
    }
}
