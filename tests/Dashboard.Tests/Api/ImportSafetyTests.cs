using System.IO.Compression;
using System.Net;

namespace Insights.Dashboard.Tests.Api;

/// <summary>Imports through the HTTP API at their edges: oversized fields, archive bombs.</summary>
public sealed class ImportSafetyTests(InsightsApiFixture app) : IClassFixture<InsightsApiFixture>
{
    [Fact]
    public async Task ACaptionLongerThanASpreadsheetCell_IsRefused_WithItsFileLineAndColumn()
    {
        using var client = app.CreateClient();
        var caption = new string('x', 32_768);
        var csv = $"{TestFiles.PostsHeader}\nOK1,2024-01-01T00:00:00Z,Photo,fine,1,1,,,,\nBIG1,2024-01-02T00:00:00Z,Photo,{caption},1,1,,,,\n";

        var (status, body) = await client.ImportAsync("long-captions", ("captions.csv", TestFiles.Utf8(csv)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Equal(("captions.csv", 3L, "Description"), (error.GetProperty("file").GetString(), error.GetProperty("line").GetInt64(), error.GetProperty("column").GetString()));
        Assert.Contains("32,767", error.GetProperty("reason").GetString());
        Assert.Equal(0, await client.PostCountAsync("long-captions"));
    }

    [Fact]
    public async Task AZipOf1_4MBThatUnpacksTo1_4GB_IsRefusedWithAClearReason_AndLeavesNoByteOnDisk()
    {
        using var client = app.CreateClient();
        var posts = TestFiles.PostsHeader + "\n" + string.Concat(Enumerable.Range(1, 14).Select(i => $"B{i},2024-01-{i:00}T00:00:00Z,Photo,x,1,1,,,,\n"));
        Assert.Equal(HttpStatusCode.OK, (await client.ImportAsync("bomb", ("posts.csv", TestFiles.Utf8(posts)))).Status);
        var before = FilesOnDisk();
        var zip = ZerosZip(entries: 14, bytesEach: 100L * 1024 * 1024);
        Assert.InRange(zip.Length, 1_000_000, 2_000_000);

        var (status, body) = await client.ImportAsync("bomb", ("media.zip", zip));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var reason = Assert.Single(body.GetProperty("errors").EnumerateArray()).GetProperty("reason").GetString();
        Assert.Contains("archive bomb", reason);
        Assert.Equal(before, FilesOnDisk());
    }

    /// <summary>Every file under the data folder but the database's own.</summary>
    private string[] FilesOnDisk() =>
        [.. Directory.EnumerateFiles(app.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(app.DataDirectory, f)).Where(f => !f.StartsWith("insights.db", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>A zip of JPEG-looking entries, B1.jpg..., each a JPEG start followed by zeros (which deflate about 1,000 to 1).</summary>
    private static byte[] ZerosZip(int entries, long bytesEach)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 1; i <= entries; i++)
            {
                using var entry = zip.CreateEntry($"B{i}.jpg", CompressionLevel.SmallestSize).Open();
                entry.Write([0xFF, 0xD8, 0xFF, 0xE0]);
                for (long written = 4; written < bytesEach; written += zeros.Length)
                    entry.Write(zeros, 0, (int)Math.Min(zeros.Length, bytesEach - written));
            }
        }
        return output.ToArray();
    }
}
