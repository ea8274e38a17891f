using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Insights.Dashboard.Tests.Reports;

/// <summary>A small profile for report tests, and poppler to read the PDFs back.</summary>
internal static class ReportFiles
{
    /// <summary>60 image and video posts, one a day from 1 Jan 2024, with follower snapshots and a manual label; a hostile caption on the first.</summary>
    /// <param name="extraLikes">Added to every post's likes: a second profile that does better than the first.</param>
    public static (string Name, byte[] Content)[] Profile(int extraLikes = 0)
    {
        var posts = new StringBuilder("Post ID,Publish time,Post type,Description,Likes,Comments,Impressions\n");
        var labels = new StringBuilder("Post ID,Category,Value\n");
        for (var i = 0; i < 60; i++)
        {
            var caption = i == 0 ? "\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" : $"Post number {i}";
            posts.Append(CultureInfo.InvariantCulture, $"R{i},{new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}T12:00:00Z,{(i % 4 == 0 ? "Reel" : "Photo")},{caption},{100 + extraLikes + i * 3 % 17 * 10},{5 + i % 3},{2000 + i}\n");
            labels.Append(CultureInfo.InvariantCulture, $"R{i},topic,{(i % 2 == 0 ? "food" : "travel")}\n");
        }
        return [("posts.csv", TestFiles.Utf8(posts.ToString())), ("followers.csv", TestFiles.Utf8("Date,Followers\n2024-01-01,10000\n2024-03-01,12000\n")), ("labels.csv", TestFiles.Utf8(labels.ToString()))];
    }

    public static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"insights-report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            return Poppler("pdftotext", path, "-");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string Poppler(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {error}");
        return output;
    }
}
