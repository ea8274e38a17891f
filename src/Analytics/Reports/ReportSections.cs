namespace Insights.Analytics.Reports;

/// <summary>
/// The parts of a report a person picks on the Reports page (or with the API's sections=). The executive summary
/// and the KPIs are always in. Sensitive content (the safety classifier's flag) is left out unless asked for.
/// </summary>
[Flags]
public enum ReportSections
{
    None = 0,
    Popularity = 1,
    Labels = 2,
    Drivers = 4,
    BestAndWorst = 8,
    Posts = 16,
    SensitiveContent = 32,

    /// <summary>Everything but sensitive content.</summary>
    Default = Popularity | Labels | Drivers | BestAndWorst | Posts,
}
