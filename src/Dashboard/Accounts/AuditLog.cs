using System.Data.Common;
using System.Security.Claims;
using Insights.Dashboard.Accounts.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Dashboard.Accounts;

/// <summary>Filters of the audit log page; every one optional.</summary>
public sealed record AuditQuery(string? User = null, string? Action = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Take = 500);

/// <summary>Records who did what: imports, exports, deletions, role and key changes, logins.</summary>
public interface IAuditLog
{
    /// <summary>Appends one entry. <paramref name="userId"/> is the acting user's id ("local" for the command line, null when unknown).</summary>
    Task WriteAsync(string? userId, string action, string details, CancellationToken cancellationToken = default);

    /// <summary>Newest entries first.</summary>
    Task<List<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Shortcuts for callers that hold a principal.</summary>
public static class AuditLogExtensions
{
    /// <summary>Appends an entry for the principal's user ("local" without one).</summary>
    public static Task WriteAsync(this IAuditLog log, ClaimsPrincipal? user, string action, string details, CancellationToken cancellationToken = default) =>
        log.WriteAsync(ProfileAccess.UserId(user), action, details, cancellationToken);
}

/// <summary>The audit log in the accounts tables.</summary>
public sealed class AuditLog(IDbContextFactory<AccountsDbContext> contexts, TimeProvider clock, ILogger<AuditLog> logger) : IAuditLog
{
    /// <summary>How long an entry waits for the database's write lock before it goes to the log instead (5 s).</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public async Task WriteAsync(string? userId, string action, string details, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var name = userId is null ? null
            : await context.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken) ?? userId;
        var entry = new AuditEntry
        {
            TimeUtc = clock.GetUtcNow().UtcDateTime,
            UserId = userId,
            UserName = name,
            Action = action,
            Details = details.Length > 2000 ? details[..2000] : details,
        };
        context.AuditLog.Add(entry);
        try
        {
            // Not cancelled with the request: a record of what happened must not be lost to a closed tab. Not
            // waiting out the whole busy timeout either: while a long write holds the database, the request goes on.
            context.Database.SetCommandTimeout(WriteTimeout);
            await context.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException)
        {
            // What was audited has already happened; a busy database must not turn it into a failed request.
            // The entry goes to the log instead, whole.
            logger.LogError("Audit entry not stored ({Reason}): {Time:o} {User} {Action} {Details}", ex.Message, entry.TimeUtc, name, action, entry.Details);
        }
    }

    public async Task<List<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = context.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.User))
            entries = entries.Where(e => e.UserName != null && e.UserName.Contains(query.User));
        if (!string.IsNullOrWhiteSpace(query.Action))
            entries = entries.Where(e => e.Action == query.Action);
        if (query.FromUtc is { } from)
            entries = entries.Where(e => e.TimeUtc >= from);
        if (query.ToUtc is { } to)
            entries = entries.Where(e => e.TimeUtc < to);
        return await entries.OrderByDescending(e => e.Id).Take(Math.Clamp(query.Take, 1, 5000)).ToListAsync(cancellationToken);
    }
}
