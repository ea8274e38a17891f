using System.ComponentModel.DataAnnotations;

namespace Insights.Dashboard.Accounts;

/// <summary>
/// Limits on sign-in attempts, per client address and per account name, counted in fixed windows by
/// each instance. Section "Insights:SignIn". Beyond a limit the form answers 429 with Retry-After.
/// </summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Insights:SignIn";

    /// <summary>Attempts one client address may make per window. Default: 20.</summary>
    [Range(1, 1_000_000)]
    public int PerAddressAttempts { get; set; } = 20;

    /// <summary>Attempts on one account name, from anywhere, per window. Default: 10.</summary>
    [Range(1, 1_000_000)]
    public int PerAccountAttempts { get; set; } = 10;

    /// <summary>Length of a window in seconds. Default: 300.</summary>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 300;
}
