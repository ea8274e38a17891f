using System.ComponentModel.DataAnnotations;

namespace Insights.Analytics.Storage;

/// <summary>Where the database and stored files live. Section "Storage".</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The <see cref="Provider"/> value of the embedded default.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>The <see cref="Provider"/> value for a shared PostgreSQL server.</summary>
    public const string Postgres = "Postgres";

    /// <summary>Folder for the database, uploads and media. Relative paths are resolved against the app's base folder. Default "var".</summary>
    [Required]
    public string DataDirectory { get; set; } = "var";

    /// <summary>Database provider: "Sqlite" (default, a file in <see cref="DataDirectory"/>) or "Postgres" (needs ConnectionStrings:Insights).</summary>
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Storage:Provider must be 'Sqlite' or 'Postgres'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// SQLite connection string; when empty, a file "insights.db" inside <see cref="DataDirectory"/>.
    /// PostgreSQL reads ConnectionStrings:Insights first and this one when that is empty.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations when the app starts. Default: true on SQLite (one process), false on
    /// PostgreSQL, where instances never race each other and the <c>migrate</c> command is a deployment step.
    /// </summary>
    public bool? MigrateOnStart { get; set; }

    /// <summary><see cref="MigrateOnStart"/> with the provider's default filled in.</summary>
    public bool MigratesOnStart => MigrateOnStart ?? Provider == Sqlite;
}
