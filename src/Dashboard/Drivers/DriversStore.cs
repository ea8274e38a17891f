using System.Text.Json;
using System.Text.Json.Serialization;
using Insights.Analytics.Caching;
using Insights.Analytics.Engagement;
using Insights.Analytics.Extensions;
using Insights.Analytics.Storage;
using Insights.Dashboard.Configuration;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Drivers;

/// <summary>
/// The trained drivers model, its figures and the content map of each profile, as files under
/// <c>{data}/drivers/{profileId}/</c>. A new training replaces the files atomically, so the previous model serves
/// until the new one is complete. Reads are cached within the memory budget, stamped with the file's time and length.
/// </summary>
public sealed class DriversStore(IOptions<StorageOptions> storage, DashboardPaths paths, StampedCache cache)
{
    private const string FiguresFile = "figures.json";
    private const string ModelFile = "model.zip";
    private const string MapFile = "map.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };


    public string Folder(int profileId) =>
        Path.Combine(ServiceCollectionExtensions.DataDirectory(storage.Value, paths.BaseDirectory), "drivers", profileId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Removes a deleted profile's model, figures and map (readers then find none: their cache stamps are the files').</summary>
    public void Delete(int profileId)
    {
        var folder = Folder(profileId);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    public string FiguresPath(int profileId) => Path.Combine(Folder(profileId), FiguresFile);

    public DriversFigures? GetFigures(int profileId) => Read<DriversFigures>(new CacheKey("drivers-figures", profileId), FiguresPath(profileId));

    public ContentMapFigure? GetMap(int profileId) => Read<ContentMapFigure>(new CacheKey("drivers-map", profileId), Path.Combine(Folder(profileId), MapFile));

    /// <summary>The trained model itself, for figures that were not stored (a two-feature pair on request).</summary>
    public DriversModel? GetModel(int profileId)
    {
        var path = Path.Combine(Folder(profileId), ModelFile);
        // A loaded LightGBM model with its data layout takes a few times its zipped size.
        return Cached(new CacheKey("drivers-model", profileId), path, ModelBytesFactor, () =>
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
        // Keyed by the two features' positions in the model's list, never by the names the caller sent.
        var variant = IndexOf(figures, featureA) * 4096 + IndexOf(figures, featureB);
        var computed = await cache.GetAsync<Computed<PartialDependence2D>>(new CacheKey("drivers-pair", profileId, variant), figures.Stamp,
            _ => Task.Run(() => new Computed<PartialDependence2D>(GetModel(profileId)?.PartialDependence(featureA, featureB, gridPoints))),
            pair => 512 + (pair.Value is { } p ? (p.GridA.Length + p.GridB.Length) * 64L + p.GridA.Length * p.GridB.Length * 8L : 0)).WaitAsync(cancellationToken);
        return computed.Value;
    }

    private static int IndexOf(DriversFigures figures, string feature) =>
        figures.Features.Select((f, i) => (f, i)).First(x => x.f.Pdp.Feature == feature).i;

    /// <summary>A computed value that may be null (no model), so that "none" is cached too.</summary>
    private sealed record Computed<T>(T? Value) where T : class;

    private const int ModelBytesFactor = 4;

    /// <summary>Parsed JSON figures take a few times the bytes of their text.</summary>
    private const int JsonBytesFactor = 3;

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

    private T? Read<T>(CacheKey key, string path) where T : class => Cached(key, path, JsonBytesFactor, () =>
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, Json);
    });

    private T? Cached<T>(CacheKey key, string path, int bytesFactor, Func<T?> read) where T : class
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            return null;
        var stamp = $"{file.LastWriteTimeUtc.Ticks}-{file.Length}";
        return cache.GetOrRead(key, stamp, read, _ => 1024 + file.Length * bytesFactor);
    }
}
