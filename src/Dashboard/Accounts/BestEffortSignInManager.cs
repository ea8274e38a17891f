using System.Data.Common;
using Insights.Dashboard.Accounts.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Accounts;

/// <summary>
/// Identity's sign-in, with the lockout counter's writes (one more failure, or the reset after a success) made best
/// effort: while the database takes no write (a long write elsewhere holds the lock) they give up after
/// <see cref="CounterWriteTimeout"/> and the password decides, instead of the request waiting out the busy timeout
/// and failing. A failure not counted that way is still bounded by the sign-in rate limits.
/// </summary>
public sealed class BestEffortSignInManager(
    UserManager<IdentityUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<IdentityUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<IdentityUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<IdentityUser> confirmation,
    AccountsDbContext context)
    : SignInManager<IdentityUser>(users, http, claims, options, logger, schemes, confirmation)
{
    /// <summary>How long a lockout-counter write waits for the database's write lock (2 s).</summary>
    public static readonly TimeSpan CounterWriteTimeout = TimeSpan.FromSeconds(2);

    public override async Task<SignInResult> CheckPasswordSignInAsync(IdentityUser user, string password, bool lockoutOnFailure)
    {
        // The identity store writes through this request's context (the scoped one this class receives too).
        context.Database.SetCommandTimeout(CounterWriteTimeout);
        try
        {
            return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            Logger.LogWarning("The lockout counter of {User} was not updated: {Reason}", user.Id, ex.Message);
            if (await UserManager.IsLockedOutAsync(user))
                return SignInResult.LockedOut;
            return await UserManager.CheckPasswordAsync(user, password) ? SignInResult.Success : SignInResult.Failed;
        }
        finally
        {
            context.Database.SetCommandTimeout(null);
        }
    }
}
