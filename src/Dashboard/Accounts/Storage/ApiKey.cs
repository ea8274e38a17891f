namespace Insights.Dashboard.Accounts.Storage;

/// <summary>A user's API key: only the SHA-256 of the secret is kept, the secret is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>What the key is for, as its creator named it.</summary>
    public required string Name { get; set; }

    /// <summary>The first characters of the key, so a person can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}

/// <summary>A user may see one profile (Admins see every profile without grants).</summary>
public sealed class ProfileGrant
{
    public required string UserId { get; set; }

    /// <summary>Id of the profile in the analytics tables (same database, other context: no foreign key).</summary>
    public int ProfileId { get; set; }
}

/// <summary>One line of the audit log: who did what, when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime TimeUtc { get; set; }

    /// <summary>The acting user's id; "local" for the command line, null for an anonymous attempt.</summary>
    public string? UserId { get; set; }

    /// <summary>The user's e-mail (or the name tried at a failed login) at the time.</summary>
    public string? UserName { get; set; }

    public required string Action { get; set; }

    public required string Details { get; set; }
}
