using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Accounts;

/// <summary>Turns a valid X-Api-Key header into its owner's principal with the owner's roles, so keys follow the pages' rules.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    IUserClaimsPrincipalFactory<IdentityUser> principals) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyService.Header, out var values))
            return AuthenticateResult.NoResult();
        var user = await keys.FindUserAsync(values.ToString(), Context.RequestAborted);
        if (user is null)
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        // A key is revoked, not locked: only an administrator's lock stops it, never failed passwords.
        if (AccountService.IsLockedByAdministrator(user))
            return AuthenticateResult.Fail("The key's user is locked by an administrator.");
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeyService.Header}\"";
        return Task.CompletedTask;
    }
}
