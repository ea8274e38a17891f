namespace Insights.Analytics.Taxonomy;

/// <summary>A value of a category on a post: given by a person (<see cref="Manual"/>, no confidence) or suggested, with the head's confidence.</summary>
public sealed record PostValue(long PostId, string PlatformPostId, string Category, string Value, bool Manual, double? Confidence);
