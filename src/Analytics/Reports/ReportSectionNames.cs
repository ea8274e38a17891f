namespace Insights.Analytics.Reports;

/// <summary>Names and descriptions of the sections, and parsing of "popularity,labels" lists.</summary>
public static class ReportSectionNames
{
    /// <summary>Each section with its code (API and URL) and its words on the Reports page.</summary>
    public static readonly IReadOnlyList<(ReportSections Section, string Code, string Text)> All =
    [
        (ReportSections.Popularity, "popularity", "Popularity over time"),
        (ReportSections.Labels, "labels", "Engagement by label"),
        (ReportSections.Drivers, "drivers", "What drives engagement"),
        (ReportSections.BestAndWorst, "best", "Best and worst posts"),
        (ReportSections.Posts, "posts", "Every post (XLSX sheet)"),
        (ReportSections.SensitiveContent, "sensitive", "Sensitive content flag"),
    ];

    /// <summary>"popularity,labels,drivers" (any case, commas or spaces); empty or null gives the default sections.</summary>
    public static bool TryParse(string? text, out ReportSections sections, out string error)
    {
        sections = ReportSections.Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
            return true;
        sections = ReportSections.None;
        foreach (var part in text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = All.FirstOrDefault(s => string.Equals(s.Code, part, StringComparison.OrdinalIgnoreCase));
            if (match.Code is null)
            {
                error = $"sections: '{part}' is not a report section ({string.Join(", ", All.Select(s => s.Code))}).";
                return false;
            }
            sections |= match.Section;
        }
        return true;
    }

    /// <summary>The codes of the chosen sections, comma-separated (the inverse of <see cref="TryParse"/>).</summary>
    public static string Format(ReportSections sections) =>
        string.Join(",", All.Where(s => sections.HasFlag(s.Section)).Select(s => s.Code));
}
