using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Insights.Dashboard.Accounts.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Accounts;

/// <summary>A key as lists show it (never the secret).</summary>
public sealed record ApiKeyInfo(int Id, string UserId, string? UserName, string Name, string Prefix, DateTime CreatedUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc);

/// <summary>
/// Creates, finds and revokes API keys. A key is "ins_" plus 256 random bits (base64url); only its
/// SHA-256 is stored. A plain fast hash is enough here, unlike for passwords: with 256 bits of
/// entropy there is no dictionary to try, so a slow hash would only slow every API call, and a
/// deterministic hash lets the key be found by an index lookup.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<AccountsDbContext> contexts, IAuditLog audit, TimeProvider clock, ILogger<ApiKeyService> logger)
{
    /// <summary>Seconds a key's "last used" write may wait for a busy database before the request goes on without it.</summary>
    private static readonly TimeSpan LastUsedWriteTimeout = TimeSpan.FromSeconds(2);

    public const string Header = "X-Api-Key";
    private const string KeyPrefix = "ins_";

    /// <summary>Creates a key for the user and returns it with the secret, which is not kept anywhere.</summary>
    public async Task<(string Secret, ApiKeyInfo Key)> CreateAsync(string actorId, string userId, string name, CancellationToken cancellationToken = default)
    {
        var secret = KeyPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new InvalidOperationException($"No user with id '{userId}'.");
        var key = new ApiKey
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "API key" : name.Trim()[..Math.Min(name.Trim().Length, 100)],
            Prefix = secret[..12],
            Hash = Hash(secret),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        context.ApiKeys.Add(key);
        await context.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(actorId, AuditActions.ApiKeyCreate, $"key {key.Id} '{key.Name}' ({key.Prefix}...) for {user.Email}", cancellationToken);
        return (secret, Info(key, user.Email));
    }

    public async Task<bool> RevokeAsync(string actorId, int keyId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await context.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null || key.RevokedUtc is not null)
            return false;
        key.RevokedUtc = clock.GetUtcNow().UtcDateTime;
        await context.SaveChangesAsync(cancellationToken);
        var owner = await context.Users.AsNoTracking().Where(u => u.Id == key.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        await audit.WriteAsync(actorId, AuditActions.ApiKeyRevoke, $"key {key.Id} '{key.Name}' ({key.Prefix}...) of {owner}", cancellationToken);
        return true;
    }

    /// <summary>Every key, newest first; of one user when given.</summary>
    public async Task<List<ApiKeyInfo>> ListAsync(string? userId = null, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = context.ApiKeys.AsNoTracking().Where(k => userId == null || k.UserId == userId);
        return await keys
            .OrderByDescending(k => k.Id)
            .Select(k => new ApiKeyInfo(k.Id, k.UserId, context.Users.Where(u => u.Id == k.UserId).Select(u => u.Email).FirstOrDefault(),
                k.Name, k.Prefix, k.CreatedUtc, k.LastUsedUtc, k.RevokedUtc))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The owner of a valid, unrevoked key, or null. Records when the key was last used (at most once a minute).</summary>
    public async Task<IdentityUser?> FindUserAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(KeyPrefix, StringComparison.Ordinal) || secret.Length > 100)
            return null;
        var hash = Hash(secret);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await context.ApiKeys.FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedUtc == null, cancellationToken);
        if (key is null)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (key.LastUsedUtc is null || now - key.LastUsedUtc > TimeSpan.FromMinutes(1))
            await RecordUseAsync(context, key.Id, now);
        return await context.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == key.UserId, cancellationToken);
    }

    /// <summary>
    /// Best effort: when the database is busy (a long write elsewhere) the request goes on after a short wait, unrecorded,
    /// rather than waiting out the busy timeout and failing. "Last used" is informative, never worth a failed call.
    /// </summary>
    private async Task RecordUseAsync(AccountsDbContext context, int keyId, DateTime now)
    {
        try
        {
            context.Database.SetCommandTimeout(LastUsedWriteTimeout);
            await context.ApiKeys.Where(k => k.Id == keyId).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedUtc, now));
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            logger.LogWarning("The last use of API key {Key} was not recorded: {Reason}", keyId, ex.Message);
        }
        finally
        {
            context.Database.SetCommandTimeout(null);
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiKeyInfo Info(ApiKey k, string? userName) => new(k.Id, k.UserId, userName, k.Name, k.Prefix, k.CreatedUtc, k.LastUsedUtc, k.RevokedUtc);
}
