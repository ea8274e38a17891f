using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Insights.Dashboard.Accounts;

/// <summary>
/// Rate limits of the sign-in form: one fixed window per client address and one per account name,
/// chained, so guessing many passwords of one account from many addresses, or many accounts from one
/// address, is slowed down before lockout. The account name is only known once the form is read, so
/// the endpoint asks here rather than the rate limiting middleware. Counts are per instance.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<SignInAttempt> _limiter;
    private readonly TimeSpan _window;

    public SignInThrottle(IOptions<SignInLimitOptions> options)
    {
        var settings = options.Value;
        _window = TimeSpan.FromSeconds(settings.WindowSeconds);
        var byAddress = PartitionedRateLimiter.Create<SignInAttempt, string>(attempt =>
            RateLimitPartition.GetFixedWindowLimiter(attempt.Address?.ToString() ?? "", _ => Window(settings.PerAddressAttempts)));
        var byAccount = PartitionedRateLimiter.Create<SignInAttempt, string>(attempt =>
            RateLimitPartition.GetFixedWindowLimiter(attempt.Account, _ => Window(settings.PerAccountAttempts)));
        _limiter = PartitionedRateLimiter.CreateChained(byAddress, byAccount);
    }

    /// <summary>Counts one attempt; null when it may go on, else how long the client should wait.</summary>
    public TimeSpan? TryAttempt(IPAddress? address, string account)
    {
        using var lease = _limiter.AttemptAcquire(new SignInAttempt(address, account.Trim().ToUpperInvariant()));
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _window;
    }

    public void Dispose() => _limiter.Dispose();

    private FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = _window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private sealed record SignInAttempt(IPAddress? Address, string Account);
}
