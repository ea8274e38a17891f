using System.Security.Claims;

namespace Insights.Dashboard.Prediction;

/// <summary>Who owns a draft: the NameIdentifier claim of the signed-in user, or "local" without accounts.</summary>
public static class CurrentUser
{
    public const string Local = "local";

    public static string Id(ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimTypes.NameIdentifier)?.Value is { Length: > 0 } id ? id : Local;
}
