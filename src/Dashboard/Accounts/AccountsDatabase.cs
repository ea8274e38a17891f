using System.Security.Cryptography;
using Insights.Analytics.Storage;
using Insights.Dashboard.Accounts.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Accounts;

/// <summary>Applies the accounts migrations, creates the roles and, on a first start (or the first <c>migrate</c>), the first admin.</summary>
public sealed class AccountsDatabase(
    IDbContextFactory<AccountsDbContext> contexts,
    DatabaseProvider provider,
    IOptions<StorageOptions> storage,
    IServiceScopeFactory scopes,
    IOptions<AdminOptions> admin,
    OperatorConsole console,
    IAuditLog audit,
    ILogger<AccountsDatabase> logger)
{
    /// <summary>Default user name of the first admin when none is configured.</summary>
    public const string DefaultAdminEmail = "admin@localhost";

    // Unambiguous characters (no 0/O, 1/l/I): the password is read off a console and typed.
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /// <summary>At start: migrates when Storage:MigrateOnStart, else checks that the migrate step ran.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (storage.Value.MigratesOnStart)
        {
            await MigrateAsync(cancellationToken);
            return;
        }
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await DatabaseInitializer.EnsureMigratedAsync(context, "accounts", cancellationToken);
    }

    /// <summary>Applies the accounts migrations and creates the roles, under the provider's migration lock.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using (await provider.LockMigrationsAsync(cancellationToken))
        {
            await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
                await context.Database.MigrateAsync(cancellationToken);
            await EnsureRolesAsync();
        }
    }

    private async Task EnsureRolesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
        }
    }

    /// <summary>
    /// When there is no user at all, creates the admin from Insights:Admin, or admin@localhost with a
    /// generated password printed once to the console. Later starts find a user and do nothing.
    /// </summary>
    public async Task EnsureFirstAdminAsync(CancellationToken cancellationToken = default)
    {
        // Under the migration lock: instances starting together (or two migrate runs) must not both find no user.
        await using var migrationLock = await provider.LockMigrationsAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
            return;

        var email = string.IsNullOrWhiteSpace(admin.Value.Email) ? DefaultAdminEmail : admin.Value.Email.Trim();
        var generated = string.IsNullOrEmpty(admin.Value.Password);
        var password = generated ? RandomNumberGenerator.GetString(PasswordAlphabet, 20) : admin.Value.Password!;
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(user, password), $"first admin {email}");
        Check(await users.AddToRoleAsync(user, Roles.Admin), $"role of {email}");
        await audit.WriteAsync(user.Id, AuditActions.UserCreate, $"first admin {email} created at first start ({(generated ? "generated password" : "password from configuration")})", cancellationToken);

        if (generated)
        {
            // Printed once: the next start finds a user and never shows (or knows) the password again.
            console.WriteLine($"Insights: created the first admin '{email}' with the password: {password}");
            console.WriteLine("Insights: sign in and change it on the Users page; it is not shown again.");
            logger.LogWarning("Created the first admin {Email} with a generated password, printed once to the console (set Insights:Admin:Email and Insights:Admin:Password to choose them)", email);
        }
        else
        {
            logger.LogInformation("Created the first admin {Email} from configuration", email);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
