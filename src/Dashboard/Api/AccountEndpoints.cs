using Insights.Dashboard.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Dashboard.Api;

/// <summary>
/// POST /account/login and /account/logout: the sign-in form's targets. Plain HTTP endpoints because
/// an interactive Blazor page cannot set a cookie; both check the antiforgery token of the form.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription();

        group.MapPost("/login", async ([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInManager<IdentityUser> signIn, SignInThrottle throttle, IPasswordHasher<IdentityUser> hasher, IAuditLog audit, HttpContext http) =>
        {
            var back = SafeReturnUrl(returnUrl);
            var name = email?.Trim() ?? "";
            if (throttle.TryAttempt(http.Connection.RemoteIpAddress, name) is { } wait)
                return TooManyAttempts(http, wait);
            if (name.Length == 0 || string.IsNullOrEmpty(password))
                return Results.Redirect(LoginUrl("missing", back));
            var user = await signIn.UserManager.FindByNameAsync(name);
            var from = $"from {http.Connection.RemoteIpAddress}";
            if (user is null)
            {
                // The same hashing work as a known account, so the answer's timing does not tell which e-mails exist.
                hasher.VerifyHashedPassword(UnknownUser, UnknownUserHash(hasher), password);
                await audit.WriteAsync(null, AuditActions.LoginFailed, $"'{Trim(name)}' unknown user {from}");
                return Results.Redirect(LoginUrl("invalid", back));
            }
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                await audit.WriteAsync(user.Id, AuditActions.Login, $"signed in {from}");
                return Results.Redirect(back);
            }
            if (result.IsLockedOut)
            {
                await audit.WriteAsync(user.Id, AuditActions.LockedOut, $"'{Trim(name)}' refused: locked out {from}");
                return Results.Redirect(LoginUrl("locked", back));
            }
            await audit.WriteAsync(user.Id, AuditActions.LoginFailed, $"'{Trim(name)}' wrong password {from}");
            return Results.Redirect(LoginUrl("invalid", back));
        }).AllowAnonymous();

        group.MapPost("/logout", async ([FromForm] string? returnUrl, SignInManager<IdentityUser> signIn, IAuditLog audit, HttpContext http) =>
        {
            await audit.WriteAsync(http.User, AuditActions.Logout, "signed out");
            await signIn.SignOutAsync();
            return Results.Redirect("/login");
        });
    }

    /// <summary>
    /// Only a path of this site, else the Overview (no open redirect). Browsers drop tabs and line breaks
    /// from addresses and read a backslash as a slash, so "/", TAB, "/host" would leave the site: control
    /// characters are removed first, and what remains must be a relative reference that starts with one
    /// slash and resolves on this site. The answer is re-encoded, so it is always a valid Location header.
    /// </summary>
    public static string SafeReturnUrl(string? url)
    {
        var path = new string((url ?? "").Where(c => !char.IsControl(c)).ToArray());
        if (path.Length == 0 || path[0] != '/' || (path.Length > 1 && path[1] is '/' or '\\')
            || !Uri.TryCreate(path, UriKind.Relative, out var relative)
            || !Uri.TryCreate(ThisSite, relative, out var resolved) || resolved.Authority != ThisSite.Authority)
            return "/";
        return resolved.PathAndQuery + resolved.Fragment;
    }

    private static readonly Uri ThisSite = new("http://this-site.invalid");

    private static readonly IdentityUser UnknownUser = new();
    private static string? _unknownUserHash;

    private static string UnknownUserHash(IPasswordHasher<IdentityUser> hasher) =>
        _unknownUserHash ??= hasher.HashPassword(UnknownUser, Guid.NewGuid().ToString("N"));

    // Plain text: the sign-in form is used by people, who read the answer in the browser.
    private static IResult TooManyAttempts(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Text($"Too many sign-in attempts from this address or for this account. Try again in {seconds} seconds.",
            "text/plain", statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static string LoginUrl(string error, string returnUrl) =>
        $"/login?error={error}" + (returnUrl == "/" ? "" : "&ReturnUrl=" + Uri.EscapeDataString(returnUrl));

    private static string Trim(string name) => name.Length > 100 ? name[..100] : name;
}
