using System.Globalization;
using Insights.Analytics.Classification;
using Insights.Analytics.Popularity;
using Insights.Dashboard.Classification;

namespace Insights.Dashboard.Model;

/// <summary>One trained classifier (one K) as the Model page and prediction screens describe it, in plain words.</summary>
/// <param name="CoverageNote">"Trained on 420 of 1,471 posts ...; improves as labelling continues." for a model trained while labelling ran, else null.</param>
public sealed record ClassifierReport(int Classes, ClassifierValidation Validation, DateTime TrainedUtc, bool Fresh, string? CoverageNote = null)
{
    public static ClassifierReport From(ClassifierSnapshot snapshot, string currentStamp) =>
        new(snapshot.Classes, snapshot.Validation, snapshot.TrainedUtc, snapshot.Stamp == currentStamp, snapshot.CoverageNote);

    public string ClassName(int c) => ClassSettings.ClassName(c, Classes);

    public string ClassList => string.Join(", ", Enumerable.Range(0, Classes).Select(ClassName));

    public string MajorityName => ClassName(Validation.MajorityClass);

    /// <summary>"right 64% of the time; always guessing the commonest class (low) would be right 50%".</summary>
    public string Sentence
    {
        get
        {
            var v = Validation;
            var text = $"On posts it had not seen, the model named the right class {Pct(v.Accuracy)} of the time; " +
                $"always guessing the commonest class ({MajorityName}) would be right {Pct(v.BaselineAccuracy)}.";
            return text + " " + Verdict;
        }
    }

    /// <summary>Whether the margin over the baseline is larger than the spread across repeats.</summary>
    public string Verdict
    {
        get
        {
            var v = Validation;
            var margin = (v.Accuracy - v.BaselineAccuracy) * 100;
            var spread = v.AccuracySd * 100;
            return v.BeatsBaseline
                ? $"The margin, {margin.ToString("F1", CultureInfo.InvariantCulture)} points, is larger than the spread across repeats (± {spread.ToString("F1", CultureInfo.InvariantCulture)} points), so the images do carry a signal about popularity on this profile."
                : $"The margin, {margin.ToString("F1", CultureInfo.InvariantCulture)} points, is not larger than the spread across repeats (± {spread.ToString("F1", CultureInfo.InvariantCulture)} points): treat its predictions as a guess.";
        }
    }

    public string Top2Sentence => Classes > 2
        ? $"The right class was among its two most likely {Pct(Validation.Top2Accuracy)} of the time (guessing the two commonest classes: {Pct(Validation.BaselineTop2Accuracy)})."
        : "";

    /// <summary>Accuracy as "64.1% ± 1.2".</summary>
    public string AccuracyText => $"{Percent(Validation.Accuracy)} ± {(Validation.AccuracySd * 100).ToString("F1", CultureInfo.InvariantCulture)}";

    public string Top2Text => $"{Percent(Validation.Top2Accuracy)} ± {(Validation.Top2AccuracySd * 100).ToString("F1", CultureInfo.InvariantCulture)}";

    public static string Percent(double value) => ChartStyle.Percent(value, 1);

    private static string Pct(double value) => (value * 100).ToString("F0", CultureInfo.InvariantCulture) + "%";
}
