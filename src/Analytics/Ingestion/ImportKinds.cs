using System.Text;
using Insights.Analytics.Domain;
using Insights.Analytics.Ingestion.Platforms;
using Insights.Analytics.Ingestion.Tables;

namespace Insights.Analytics.Ingestion;

/// <summary>Tells what kind of export a file is (posts, followers, labels, media) from its content, and previews it.</summary>
internal static class ImportKinds
{
    /// <summary>What the importer would make of a file, without writing anything: its kind, the column mapping, the first rows.</summary>
    /// <param name="chosenPlatform">The platform chosen on the page, or null to tell it from the header.</param>
    public static ImportPreview Preview(string fileName, Stream content, int sampleRows = 5, string? chosenPlatform = null)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".zip")
            return new ImportPreview(fileName, "media", [], new Dictionary<string, string>(), [], []);
        try
        {
            using var reader = OpenTable(extension, content);
            var kind = FromHeader(reader.Header);
            var platform = kind == ImportKind.Posts ? PlatformCatalog.Find(chosenPlatform) ?? PlatformCatalog.Detect(reader.Header) : null;
            var fields = kind == ImportKind.Posts ? PlatformCatalog.FieldsFor(platform, PostImporter.Fields) : FieldsOf(kind);
            var map = ColumnMap.Build(reader.Header, fields, out var missing);
            if (kind == ImportKind.Posts && map.Has("permalink"))
                missing.Remove("post_id");
            var rows = new List<string?[]>();
            while (rows.Count < sampleRows && reader.Read())
                rows.Add(reader.Header.Select((_, i) => reader[i]).ToArray());
            return new ImportPreview(fileName, kind.ToString().ToLowerInvariant(), reader.Header, map.Mapping(), missing, rows, platform?.Name);
        }
        catch (TableFormatException ex)
        {
            return new ImportPreview(fileName, "unknown", [], new Dictionary<string, string>(), [$"line {ex.Line}: {ex.Message}"], []);
        }
    }

    public static async Task<ImportKind> DetectAsync(string fileName, Stream stream, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".zip")
            return ImportKind.Media;
        var header = new byte[MediaSniffer.HeaderLength];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (MediaSniffer.Sniff(header.AsSpan(0, read)) is not null)
            return ImportKind.Media;
        stream.Position = 0;
        try
        {
            using var reader = OpenTable(extension, stream);
            return FromHeader(reader.Header);
        }
        catch (TableFormatException)
        {
            return ImportKind.Posts;
        }
    }

    public static ImportKind GuessFromPath(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".zip" || !File.Exists(path))
            return extension == ".zip" ? ImportKind.Media : ImportKind.Posts;
        using var stream = File.OpenRead(path);
        try
        {
            using var reader = OpenTable(extension, stream);
            return FromHeader(reader.Header);
        }
        catch (TableFormatException)
        {
            return ImportKind.Posts;
        }
    }

    private static ImportKind FromHeader(IReadOnlyList<string> header)
    {
        ColumnMap.Build(header, LabelImporter.Fields, out var labelsMissing);
        if (labelsMissing.Count == 0)
            return ImportKind.Labels;
        ColumnMap.Build(header, FollowerImporter.Fields, out var followersMissing);
        var postMap = ColumnMap.Build(header, PostImporter.Fields, out _);
        if (followersMissing.Count == 0 && !postMap.Has("post_id") && !postMap.Has("permalink") && PlatformCatalog.Detect(header) is null)
            return ImportKind.Followers;
        return ImportKind.Posts;
    }

    private static FieldSpec[] FieldsOf(ImportKind kind) => kind switch
    {
        ImportKind.Followers => FollowerImporter.Fields,
        ImportKind.Labels => LabelImporter.Fields,
        _ => PostImporter.Fields,
    };

    public static ITableReader OpenTable(string extension, Stream stream)
    {
        var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        return extension is ".jsonl" or ".ndjson" or ".json" ? new JsonLinesTableReader(text) : new ExportTableReader(new CsvTableReader(text), CountKnownColumns);
    }

    // Every header spelling any importer knows, to find the header under a description line.
    private static readonly HashSet<string> KnownHeaders = PostImporter.Fields
        .Concat(PlatformCatalog.All.SelectMany(p => PlatformCatalog.FieldsFor(p, PostImporter.Fields)))
        .Concat(FollowerImporter.Fields).Concat(LabelImporter.Fields)
        .SelectMany(f => f.Aliases.Prepend(f.Name)).Select(ColumnMap.Normalise).ToHashSet(StringComparer.Ordinal);

    private static int CountKnownColumns(IReadOnlyList<string> header) => header.Count(h => KnownHeaders.Contains(ColumnMap.Normalise(h)));
}
