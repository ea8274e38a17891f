using Insights.Dashboard.Accounts.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Accounts;

/// <summary>A user as the Users page lists it.</summary>
public sealed record UserInfo(string Id, string Email, IReadOnlyList<string> Roles, IReadOnlyList<int> ProfileIds, bool LockedOut, int FailedLogins);

/// <summary>
/// What an admin does to users: create, set roles and profiles, reset passwords, lock. Each call runs
/// in its own scope (the Users page lives in a long circuit) and writes the audit log.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes, IAuditLog audit)
{
    public async Task<List<UserInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var users = await context.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roles = await (from ur in context.UserRoles join r in context.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var grants = await context.ProfileGrants.AsNoTracking().ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return users.Select(u => new UserInfo(u.Id, u.Email ?? u.UserName ?? u.Id,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            grants.Where(g => g.UserId == u.Id).Select(g => g.ProfileId).Order().ToList(),
            u.LockoutEnd is { } end && end > now, u.AccessFailedCount)).ToList();
    }

    public async Task<IdentityUser?> FindByEmailAsync(string email)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByEmailAsync(email);
    }

    /// <summary>Creates a user with a password, roles and profile grants; the result lists what was wrong.</summary>
    public async Task<IdentityResult> CreateAsync(string actorId, string email, string password, IEnumerable<string> roles, IEnumerable<int>? profileIds = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            return result;
        var chosen = roles.Where(Roles.All.Contains).Distinct().ToList();
        if (chosen.Count > 0)
            await users.AddToRolesAsync(user, chosen);
        await audit.WriteAsync(actorId, AuditActions.UserCreate, $"{user.Email} with roles [{string.Join(", ", chosen)}]");
        if (profileIds is not null)
            await SetProfilesAsync(actorId, user.Id, profileIds);
        return result;
    }

    public async Task<IdentityResult> SetRolesAsync(string actorId, string userId, IEnumerable<string> roles)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Failed("No such user.");
        var wanted = roles.Where(Roles.All.Contains).Distinct().ToList();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1)
            return Failed("This is the last admin; make another user admin first.");
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // A role change takes effect at the next sign-in of a cookie, and at once for API keys.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actorId, AuditActions.RoleChange, $"{user.Email}: [{string.Join(", ", current.Order())}] -> [{string.Join(", ", wanted.Order())}]");
        return IdentityResult.Success;
    }

    public async Task SetProfilesAsync(string actorId, string userId, IEnumerable<int> profileIds)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var wanted = profileIds.Distinct().Order().ToList();
        var existing = await context.ProfileGrants.Where(g => g.UserId == userId).ToListAsync();
        context.ProfileGrants.RemoveRange(existing.Where(g => !wanted.Contains(g.ProfileId)));
        context.ProfileGrants.AddRange(wanted.Where(id => existing.All(g => g.ProfileId != id)).Select(id => new ProfileGrant { UserId = userId, ProfileId = id }));
        await context.SaveChangesAsync();
        var email = await context.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync();
        await audit.WriteAsync(actorId, AuditActions.GrantChange, $"{email}: profiles [{string.Join(", ", existing.Select(g => g.ProfileId).Order())}] -> [{string.Join(", ", wanted)}]");
    }

    public async Task<IdentityResult> ResetPasswordAsync(string actorId, string userId, string password)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Failed("No such user.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            await audit.WriteAsync(actorId, AuditActions.PasswordReset, $"{user.Email}");
        }
        return result;
    }

    /// <summary>Locks a user out indefinitely (keys included), or lifts a lock (also one from failed logins).</summary>
    public async Task<IdentityResult> SetLockedAsync(string actorId, string userId, bool locked)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Failed("No such user.");
        if (locked && user.Id == actorId)
            return Failed("You cannot lock yourself out.");
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
            await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actorId, locked ? AuditActions.Lock : AuditActions.Unlock, $"{user.Email}");
        return IdentityResult.Success;
    }

    /// <summary>
    /// True when an administrator locked the user (an open-ended lock), not when failed passwords did
    /// (a lock that ends): the second must not let anyone who can type an e-mail stop the user's API keys
    /// and open sessions, only further password sign-ins.
    /// </summary>
    public static bool IsLockedByAdministrator(IdentityUser user) => user.LockoutEnd == DateTimeOffset.MaxValue;

    private static IdentityResult Failed(string description) => IdentityResult.Failed(new IdentityError { Description = description });
}
